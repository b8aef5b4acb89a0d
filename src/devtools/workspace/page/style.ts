/** Inline CSS of the workspace page (no external assets). */
export const STYLE = `
*{box-sizing:border-box}
[hidden]{display:none!important}
html,body{margin:0;height:100%;font:15px/1.46 -apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:#1d1c1d;background:#fff}
#app{display:grid;grid-template-columns:240px 1fr auto;height:100vh}
aside{background:#3f0e40;color:#e8dfe8;display:flex;flex-direction:column;overflow:auto}
aside h1{font-size:17px;margin:0;padding:14px 16px;border-bottom:1px solid #5d2c5d;color:#fff}
aside .who{padding:10px 16px;border-bottom:1px solid #5d2c5d;font-size:13px}
aside select{width:100%;margin-top:4px;padding:4px;border-radius:6px;border:0;font:inherit}
aside h2{font-size:13px;font-weight:600;margin:14px 16px 4px;color:#cdbccd;text-transform:none}
aside a{display:block;padding:3px 16px 3px 26px;color:#e8dfe8;text-decoration:none;border-radius:6px;margin:0 8px}
aside a:hover{background:#350d36}
aside a.on{background:#1164a3;color:#fff}
main,#thread{display:flex;flex-direction:column;min-width:0;height:100vh}
#thread{width:420px;border-left:1px solid #ddd}
#thread[hidden]{display:none}
header.bar{display:flex;align-items:center;gap:10px;padding:10px 18px;border-bottom:1px solid #e2e2e2;font-weight:700;min-height:50px}
header.bar .sub{font-weight:400;color:#616061;font-size:13px}
header.bar button{margin-left:auto}
.list{flex:1;overflow-y:auto;padding:8px 0}
.msg{display:grid;grid-template-columns:40px 1fr;gap:8px;padding:6px 18px;position:relative}
.msg:hover{background:#f8f8f8}
.msg.eph{background:#f4f9fd}
.av{width:36px;height:36px;border-radius:6px;color:#fff;display:flex;align-items:center;justify-content:center;font-weight:700;font-size:14px}
.meta{font-size:15px}.meta b{margin-right:6px}.meta .app{font-size:10px;background:#e8e8e8;color:#616061;border-radius:3px;padding:1px 4px;margin-right:6px;font-weight:700}
.meta time,.edited{color:#616061;font-size:12px}
.eph-note{color:#616061;font-size:12px;margin-bottom:2px}
.text{white-space:normal;word-wrap:break-word}
.hover{position:absolute;right:18px;top:-10px;display:none;background:#fff;border:1px solid #ddd;border-radius:6px;padding:2px}
.msg:hover .hover{display:flex}
.hover button{border:0;background:none;cursor:pointer;padding:3px 6px;font-size:13px;border-radius:4px}
.hover button:hover{background:#eee}
.replies{color:#1264a3;font-size:13px;font-weight:700;cursor:pointer;background:none;border:0;padding:2px 0}
.reactions{display:flex;gap:4px;margin-top:4px;flex-wrap:wrap}
.reaction{border:1px solid #ddd;border-radius:12px;padding:0 8px;font-size:13px;background:#f6f6f6;cursor:pointer}
.reaction.mine{border-color:#1d9bd1;background:#e8f5fa}
code{font-family:Menlo,Consolas,monospace;font-size:12px;background:#f6f6f6;border:1px solid #e2e2e2;border-radius:3px;padding:1px 3px;color:#c01343}
pre{font-family:Menlo,Consolas,monospace;font-size:12px;background:#f8f8f8;border:1px solid #e2e2e2;border-radius:4px;padding:8px;white-space:pre-wrap;margin:4px 0}
blockquote{border-left:4px solid #ddd;margin:2px 0;padding-left:10px;color:#454245}
a{color:#1264a3}
.mention{background:#e8f5fa;color:#1264a3;border-radius:3px;padding:0 2px}
.blk{margin:4px 0}
.section{display:flex;gap:12px;justify-content:space-between}
.sec-main{flex:1;min-width:0}
.fields{display:grid;grid-template-columns:1fr 1fr;gap:6px 16px;margin-top:4px}
.header{font-size:18px;font-weight:800}
.divider{border:0;border-top:1px solid #e2e2e2}
.context{font-size:12px;color:#616061;display:flex;gap:8px;align-items:center;flex-wrap:wrap}
.ctx-img{width:16px;height:16px;border-radius:3px}
.image img{max-width:360px;max-height:260px;border-radius:6px;border:1px solid #eee}
.acc-img{width:64px;height:64px;border-radius:6px;object-fit:cover}
.actions{display:flex;gap:8px;flex-wrap:wrap}
.btn{font:inherit;font-size:14px;font-weight:700;border:1px solid #bbb;background:#fff;border-radius:6px;padding:4px 12px;cursor:pointer;color:#1d1c1d;text-decoration:none}
.btn:hover{background:#f6f6f6}
.btn.primary{background:#007a5a;border-color:#007a5a;color:#fff}
.btn.danger{background:#e01e5a;border-color:#e01e5a;color:#fff}
.sel{font:inherit;font-size:14px;padding:4px 8px;border-radius:6px;border:1px solid #bbb;background:#fff}
.md-h{font-weight:800;margin-top:6px}.md-li{padding-left:8px}.md-gap{height:6px}
.unsupported{color:#999;font-size:12px}
.streaming::after{content:"▍";animation:blink 1s steps(2) infinite;color:#1264a3}
@keyframes blink{50%{opacity:0}}
.status{padding:4px 18px;color:#616061;font-size:13px;font-style:italic;min-height:22px}
.prompts{display:flex;gap:6px;padding:0 18px 6px;flex-wrap:wrap}
.prompts button{border:1px solid #ccc;border-radius:14px;background:#fff;padding:3px 10px;cursor:pointer;font-size:13px}
.composer{margin:0 18px 16px;border:1px solid #bbb;border-radius:8px;position:relative}
.composer textarea{width:100%;border:0;resize:none;padding:10px 12px;font:inherit;outline:none;border-radius:8px;min-height:44px;max-height:200px}
.composer .row{display:flex;justify-content:space-between;align-items:center;padding:2px 8px 6px;color:#616061;font-size:12px}
.composer .row>span:first-child{overflow:hidden;white-space:nowrap;text-overflow:ellipsis;min-width:0}
.composer .row>span:last-child{white-space:nowrap;flex-shrink:0}
.composer .row button{border:0;background:#007a5a;color:#fff;border-radius:4px;padding:4px 12px;cursor:pointer;font-weight:700}
.composer .row .ghost{background:none;color:#616061;font-weight:400}
.suggest{position:absolute;bottom:100%;left:8px;background:#fff;border:1px solid #ccc;border-radius:6px;box-shadow:0 4px 12px rgba(0,0,0,.12);min-width:260px;z-index:5}
.suggest div{padding:6px 10px;cursor:pointer}.suggest div.on,.suggest div:hover{background:#1164a3;color:#fff}
.overlay{position:fixed;inset:0;background:rgba(0,0,0,.45);display:flex;align-items:center;justify-content:center;z-index:10}
.modal{background:#fff;border-radius:8px;width:540px;max-width:94vw;max-height:90vh;display:flex;flex-direction:column;box-shadow:0 10px 40px rgba(0,0,0,.3)}
.modal header{display:flex;justify-content:space-between;align-items:center;padding:16px 20px;font-size:20px;font-weight:800;border-bottom:1px solid #eee}
.modal header button{border:0;background:none;font-size:20px;cursor:pointer;color:#616061}
.modal .body{padding:12px 20px;overflow:auto}
.modal footer{display:flex;justify-content:flex-end;gap:8px;padding:12px 20px;border-top:1px solid #eee}
.input .lbl{display:block;font-weight:700;margin-bottom:4px}.input .opt{font-weight:400;color:#616061}
.input input[type=text],.input input[type=number],.input input[type=email],.input input[type=url],.input input[type=date],.input input[type=time],.input textarea,.input select{width:100%;font:inherit;padding:8px;border:1px solid #bbb;border-radius:6px}
.input .choices label{display:block;margin:2px 0}.input .choices small{display:block;color:#616061;margin-left:22px}
.input .hint{font-size:12px;color:#616061;margin-top:2px}
.input.has-error input,.input.has-error textarea,.input.has-error select{border-color:#e01e5a}
.input .err{color:#e01e5a;font-size:13px;margin-top:3px}
.home{padding:16px 24px;overflow:auto;flex:1}
.empty{color:#616061;padding:24px 18px}
.toast{position:fixed;bottom:18px;left:50%;transform:translateX(-50%);background:#1d1c1d;color:#fff;padding:8px 14px;border-radius:6px;z-index:20}
`;

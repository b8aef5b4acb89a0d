/**
 * English function words plus the filler of chat questions ("hi, how do I…", "any way to", "thanks"). They carry no
 * topic, so they neither score nor count toward the coverage used for abstention.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  [
    'a about above after again all also am an and any anyone anything anyway are as at be because been',
    'before being below between both but by can cannot cant could couldnt did didnt do does doesnt doing',
    'done dont during each eg either else etc ever every few for from further get gets getting got',
    'had has have having he hello help her here hers hey hi him his how i ie if im in into is isnt it its',
    'itself ive just keep keeps know let lets like make may me might more most much must my need needs no',
    'nor not now of off on once one only or other our ours out over own please pls plz possible same say',
    'she should so some someone something still such sure than thank thanks that thats the their theirs',
    'them then there these they thing things this those through thx to too under until up us use using',
    'very via want wants was wasnt way we were what whats when where whether which while who whom why',
    'will with wont would yes yet you your yours anybody somebody guys ok okay really already even many',
    'lot lots able try trying tried work works working',
    // Chat spellings of function words ("has a login tho").
    'tho though although altho ago',
    // Intensifiers and hedges of chat ("completely white", "literally nothing", "suddenly slow"): no topic.
    'completely totally entirely fully literally basically actually suddenly apparently seems seem instead rather',
    // Contractions typed without the apostrophe (the analyzer drops it): "arent", "theres".
    'aint arent hadnt hasnt havent shouldnt werent wouldnt theres heres wheres hows whos youre youve theyre weve',
  ]
    .join(' ')
    .split(' '),
);

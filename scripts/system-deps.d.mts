/** Types for `system-deps.mjs` (plain JavaScript so the pretest step runs without a build). */
export interface Requirement {
  pkg: string;
  paths: string[];
  /** Every path must exist (else any one). */
  all?: boolean;
  why: string;
}

export interface SystemDepsIo {
  env: Record<string, string | undefined>;
  platform: string;
  exists(path: string): boolean;
  which(command: string): string | undefined;
  isRoot(): boolean;
  run(command: string, args: string[], env: Record<string, string | undefined>): number;
  log(line: string): void;
  reachable(host: string, port: number): Promise<boolean>;
}

export interface Service {
  name: string;
  host: string;
  port: number;
  fix: string;
}

export const REQUIREMENTS: Requirement[];
export const SKIP_VARIABLE: 'PACS_DESK_SKIP_SYSTEM_DEPS';
export function missingPackages(exists: (path: string) => boolean, requirements?: Requirement[]): string[];
export function installCommand(packages: string[], root?: boolean): string;
export function ensureSystemDeps(io: SystemDepsIo): number;
export const processIo: SystemDepsIo;
export function requiredServices(env: Record<string, string | undefined>): Service[];
export function ensureServices(io: Pick<SystemDepsIo, 'env' | 'log' | 'reachable'>): Promise<number>;

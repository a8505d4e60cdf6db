/** Types of scripts/gen-core-errors.mjs. */
export declare function coreErrorTable(src?: string): string;
export declare const OUT: string;

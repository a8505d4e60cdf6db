/** Types of scripts/layers.mjs. */
export declare const LAYERS: string[][];

import type { KeyObject } from 'node:crypto';

export declare const VERSION: 'v1';
export declare function keyObject(key: Buffer): KeyObject;
/** AES-256-GCM; the stored form is `v1:` + base64(iv | tag | ciphertext). */
export declare function encryptField(key: Buffer, plain: string): string;
/** Keyed hash for finding a sensitive value without keeping it in clear. */
export declare function lookupHash(key: Buffer, value: string): string;

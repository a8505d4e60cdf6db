// Development entry (compiled on its own while core-as/abi.ts stays untouched).
export { inputReserve, inputPtr, outputPtr, outputLen, errorOffset } from '../mem';
export { secpVerify, secpVerifyBatch, secpPubkeyConvert } from './entry';

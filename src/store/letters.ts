export * from '../codec/letters.js';

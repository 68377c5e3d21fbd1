export * from './ast';
export * from './span';

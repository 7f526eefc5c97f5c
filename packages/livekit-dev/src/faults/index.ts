// Fault injection for tests.
export { Faults } from './faults.ts';

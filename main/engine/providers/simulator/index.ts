export { SimulatorProvider, type SimulatorOptions } from './simulatorProvider';
export { SIMULATOR_NUMBERS } from './numbers';

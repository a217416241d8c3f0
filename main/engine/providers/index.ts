export type { OutboundFax, ProviderFaxStatus, ProviderFaxState, ProviderPlugin, ProviderSink, ReceivedFax } from './types';
export { SimulatorProvider, SIMULATOR_NUMBERS } from './simulator';

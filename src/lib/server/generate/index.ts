export { writeGenerated, type GenerateResult } from './writer';
export { generateDemo, type DemoOptions } from './demo';
export { FORMATS, type GeneratedFormatName } from './format';

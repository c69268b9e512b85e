/** Filled in by web/build.js from the contract's .graphql files. */
interface ContractExample {
  file: string;
  name: string;
  query: string;
  variables?: string;
}
declare const __CONTRACT_EXAMPLES__: ContractExample[];

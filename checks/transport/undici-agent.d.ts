// undici's Agent on its own: the package's index also loads fetch, WebSocket, cookies and mocks
// (66 ms cold against 24 ms), and its cookies module pulls in Node's own copy of undici.
declare module 'undici/lib/dispatcher/agent.js' {
  import type { Agent } from 'undici';
  const AgentClass: typeof Agent;
  export default AgentClass;
}

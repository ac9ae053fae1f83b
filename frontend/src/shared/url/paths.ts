// Where each screen lives: every cross-link between screens goes through these, so a screen can move in one place.
const enc = encodeURIComponent;

export const paths = {
  orders: () => "/workspace/orders",
  order: (orderId: string, tab?: string) => `/workspace/orders/${enc(orderId)}${tab ? `?tab=${enc(tab)}` : ""}`,
  orderTimeline: (orderId: string) => `/workspace/orders/${enc(orderId)}/timeline`,
  capture: () => "/workspace/capture",
  tasks: () => "/workspace/tasks",
  task: (taskId: string) => `/workspace/tasks/${enc(taskId)}`,
  approvals: () => "/workspace/approvals",
  fallouts: () => "/workspace/fallout",
  fallout: (recordId: string) => `/workspace/fallout/${enc(recordId)}`,
  falloutDashboard: () => "/workspace/fallout-dashboard",
  jeopardy: () => "/workspace/jeopardy",
  issues: () => "/workspace/issues",
  issue: (issueId: string) => `/workspace/issues/${enc(issueId)}`,
  portalCatalog: () => "/portal/catalog",
  portalOrders: () => "/portal/orders",
  portalOrder: (orderId: string) => `/portal/orders/${enc(orderId)}`,
  portalProducts: () => "/portal/products",
  auditLog: () => "/audit/log",
  auditRules: () => "/audit/rules",
  auditRule: (key: string) => `/audit/rules/${enc(key)}`,
  auditPacks: () => "/audit/packs",
  auditOrderWhy: (orderId: string) => `/audit/orders/${enc(orderId)}/why`,
  auditGraph: (key: string, version: number) => `/audit/graphs/${enc(key)}/${version}`,
} as const;

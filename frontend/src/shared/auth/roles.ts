// Display names of the server's roles (api/roles.py); an unknown role shows as its name.
const LABELS: Record<string, string> = {
  customer: "Customer",
  orderAgent: "Order agent",
  fulfillmentAgent: "Fulfilment agent",
  orderManager: "Order manager",
  orderApprover: "Order approver",
  fulfillmentManager: "Fulfilment manager",
  falloutAgent: "Fallout agent",
  falloutManager: "Fallout manager",
  processAdmin: "Process admin",
  businessAnalyst: "Business analyst",
  auditor: "Auditor",
  integration: "Integration",
};

export function roleLabel(role: string): string {
  return LABELS[role] ?? role;
}

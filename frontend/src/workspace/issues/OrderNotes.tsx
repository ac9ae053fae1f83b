// An order's notes (staff and customer-visible) and the customers' issues raised on it. Placeholder: the order
// detail's "Activity and notes" tab renders it.
export default function OrderNotes({ orderId }: { orderId: string }) {
  return <p>Notes of order {orderId} are not built yet.</p>;
}

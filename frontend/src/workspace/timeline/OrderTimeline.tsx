// W5: the order timeline (Gantt). Placeholder until the timeline lands; the order detail's Timeline tab renders it.
export default function OrderTimeline({ orderId }: { orderId: string }) {
  return <p>The timeline of order {orderId} is not built yet.</p>;
}

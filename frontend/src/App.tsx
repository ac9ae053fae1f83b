import { Suspense, lazy } from "react";
import ServerStatus from "./ServerStatus";

// The form stack (rjsf + ajv) is most of the bundle, so it loads in its own chunk.
const TryOrderForm = lazy(() => import("./TryOrderForm"));

interface ApiLink {
  href: string;
  label: string;
}

const API_LINKS: ApiLink[] = [
  { href: "/api/v1/openapi.json", label: "Native API (OpenAPI)" },
  { href: "/tmf-api/productOrderingManagement/v4/productOrder", label: "TMF622 Product Ordering" },
  { href: "/tmf-api/productInventory/v4/product", label: "TMF637 Product Inventory" },
  { href: "/api/v1/health", label: "Health" },
];

export default function App() {
  return (
    <div className="page">
      <header className="page-header">
        <h1>Ordo — order management</h1>
        <p className="tagline">Open-source order management for telecom and B2B orders.</p>
      </header>

      <main>
        <section className="card" aria-labelledby="about-title">
          <h2 id="about-title">What Ordo does</h2>
          <p>
            Ordo captures orders and carries them through their whole life: it enriches, prices
            and approves them, decomposes each one into product, service and resource orders,
            and orchestrates the resulting tasks and work orders. It watches for jeopardy and
            fallout, handles in-flight changes, and keeps the product inventory up to date.
          </p>
          <p>
            The rules behind all of this are authored as versioned JSON artifacts in a low-code
            studio, so they can be drafted, validated, simulated, diffed and published without
            changing code.
          </p>
        </section>

        <section className="card" aria-labelledby="api-title">
          <h2 id="api-title">APIs</h2>
          <ServerStatus />
          <ul className="link-list">
            {API_LINKS.map((link) => (
              <li key={link.href}>
                <a href={link.href}>{link.label}</a>
                <code>{link.href}</code>
              </li>
            ))}
          </ul>
        </section>

        <section className="card" aria-labelledby="try-title">
          <h2 id="try-title">Try an order</h2>
          <p className="muted">
            Fill in one order item to see the TMF622 ProductOrder this would send. Nothing is
            posted.
          </p>
          <Suspense fallback={<p className="muted">Loading form…</p>}>
            <TryOrderForm />
          </Suspense>
        </section>
      </main>

      <footer className="page-footer">Ordo is open source.</footer>
    </div>
  );
}

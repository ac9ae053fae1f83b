// Order capture's server calls: the catalog, the customer parties, the quote and the capture of a draft, and the
// products with their change preview and change order. Every call goes through the generated client.
import { api, type Schemas } from "../api/client";
import { totalCount, unwrap } from "../api/problem";

export type OfferingSummary = Schemas["OfferingSummary"];
export type Offering = Schemas["OfferingView"];
export type OrderDraft = Schemas["OrderDraft"];
export type DraftItem = Schemas["DraftItem"];
export type Quote = Schemas["QuoteView"];
export type CaptureProblem = Schemas["CaptureProblem"];
export type PricePreview = Schemas["PricePreview"];
export type Captured = Schemas["CapturedView"];
export type Party = Schemas["PartyView"];
export type Product = Schemas["ProductView"];
export type ProductChange = Schemas["ProductChange"];
export type Address = Schemas["Address"];

export const captureKeys = {
  offerings: (q: string, page: number, size: number) => ["capture", "offerings", q, page, size] as const,
  offering: (id: string) => ["capture", "offering", id] as const,
  parties: (q: string) => ["capture", "parties", q] as const,
  quote: (draft: unknown) => ["capture", "quote", draft] as const,
  products: (filters: unknown) => ["capture", "products", filters] as const,
};

export async function fetchOfferings(q: string, page: number, size: number) {
  const answer = await api.GET("/api/v1/catalog/offerings", {
    params: { query: { q: q || undefined, offset: (page - 1) * size, limit: size } } });
  const rows = unwrap(answer);
  return { rows, total: totalCount(answer.response, rows.length) };
}

export async function fetchOffering(id: string): Promise<Offering> {
  return unwrap(await api.GET("/api/v1/catalog/offerings/{offering_id}", { params: { path: { offering_id: id } } }));
}

export async function fetchParties(q: string): Promise<Party[]> {
  return unwrap(await api.GET("/api/v1/parties", { params: { query: { q: q || undefined, limit: 50 } } }));
}

export async function quoteDraft(draft: OrderDraft): Promise<Quote> {
  return unwrap(await api.POST("/api/v1/orders/quote", { body: draft }));
}

export async function captureDraft(draft: OrderDraft, idempotencyKey: string): Promise<Captured> {
  return unwrap(await api.POST("/api/v1/orders", { body: draft, headers: { "Idempotency-Key": idempotencyKey } }));
}

export async function fetchProducts(query: { status?: string; offset: number; limit: number }) {
  const answer = await api.GET("/api/v1/products", { params: { query } });
  const rows = unwrap(answer);
  return { rows, total: totalCount(answer.response, rows.length) };
}

export async function previewChange(productId: string, change: ProductChange): Promise<Quote> {
  return unwrap(await api.POST("/api/v1/products/{product_id}/change-preview", {
    params: { path: { product_id: productId } }, body: change }));
}

export async function placeChange(productId: string, change: ProductChange, idempotencyKey: string): Promise<Captured> {
  return unwrap(await api.POST("/api/v1/products/{product_id}/changes", {
    params: { path: { product_id: productId } }, body: change, headers: { "Idempotency-Key": idempotencyKey } }));
}

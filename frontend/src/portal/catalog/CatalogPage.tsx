// P1: the customer's catalog and order: the shared capture screen for the customer's own party; on success the
// order's tracking page.
import { useNavigate } from "react-router";
import { useMe } from "../../shared/auth/session";
import { CaptureScreen } from "../../shared/capture/CaptureScreen";
import { PageHeader } from "../../shared/ui/PageHeader";
import { paths } from "../../shared/url/paths";

export default function CatalogPage() {
  const navigate = useNavigate();
  const { data: me } = useMe();
  return (
    <>
      <PageHeader title="Catalog and order" description="Choose products, configure them and place your order." />
      <CaptureScreen party={me?.party ?? null} onCaptured={(id) => navigate(paths.portalOrder(id))} />
    </>
  );
}

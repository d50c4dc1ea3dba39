import { Link } from "@/components/ui/link";
import { formatDateTime } from "@/lib/dates";
import { successRate, type EndpointListItem } from "@/lib/webhooks/views";
import { Card } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { webhooksPath } from "./format";
import { EndpointStatusBadge } from "./status-badge";

export function EndpointsTable({
  endpoints,
  environment,
}: {
  endpoints: EndpointListItem[];
  environment: string;
}) {
  const base = webhooksPath(environment);
  return (
    <Card>
      <Table aria-label="Webhook endpoints" className="[&_th]:whitespace-nowrap">
        <thead>
          <tr>
            <Th>Name</Th>
            <Th>URL</Th>
            <Th>Status</Th>
            <Th>Success (24 h)</Th>
            <Th>Last delivery</Th>
            <Th>Events</Th>
          </tr>
        </thead>
        <tbody>
          {endpoints.map((endpoint) => {
            const rate = successRate(endpoint);
            return (
              <tr key={endpoint.id}>
                <Td className="min-w-40">
                  <Link
                    href={`${base}/${endpoint.id}`}
                    className="font-medium text-brand-700 hover:underline"
                  >
                    {endpoint.name}
                  </Link>
                  {endpoint.credential ? (
                    <div className="text-xs text-slate-600">with {endpoint.credential.name}</div>
                  ) : null}
                </Td>
                <Td className="max-w-72 font-mono text-xs break-all">{endpoint.url}</Td>
                <Td>
                  <EndpointStatusBadge status={endpoint.status} />
                </Td>
                <Td className="text-xs whitespace-nowrap">
                  {rate === null ? (
                    <span className="text-slate-600">No attempts</span>
                  ) : (
                    <span title={`${endpoint.succeeded24h} of ${endpoint.attempts24h} attempts`}>
                      {rate}%
                    </span>
                  )}
                </Td>
                <Td className="text-xs whitespace-nowrap">
                  {endpoint.lastDeliveryAt ? (
                    <>
                      <div>{endpoint.lastDeliveryOk ? "Succeeded" : "Failed"}</div>
                      <div className="text-slate-600">{formatDateTime(endpoint.lastDeliveryAt)}</div>
                    </>
                  ) : (
                    <span className="text-slate-600">Never</span>
                  )}
                </Td>
                <Td className="text-xs">{endpoint.eventTypes.length}</Td>
              </tr>
            );
          })}
        </tbody>
      </Table>
    </Card>
  );
}

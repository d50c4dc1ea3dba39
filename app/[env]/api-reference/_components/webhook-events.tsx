import { EVENT_CATALOGUE, EVENT_TYPES, TEST_EVENT_TYPE } from "@/lib/webhooks/catalogue";
import { eventDataFields } from "@/lib/webhooks/openapi";
import { Card } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";

/** The events webhook endpoints can subscribe to, with the fields of each payload's `data`. */
export function WebhookEvents() {
  return (
    <Card aria-labelledby="webhook-events">
      <h2 id="webhook-events" className="scroll-mt-4 px-4 pt-4 pb-2 text-base font-semibold">
        Webhook events
      </h2>
      <p className="px-4 pb-3 text-sm text-slate-700">
        Each delivery is a <code className="font-mono">POST</code> of{" "}
        <code className="font-mono">{'{ "type", "timestamp", "data" }'}</code> signed per the Standard
        Webhooks specification (<code className="font-mono">webhook-id</code>,{" "}
        <code className="font-mono">webhook-timestamp</code>,{" "}
        <code className="font-mono">webhook-signature</code>). The OpenAPI document lists them under{" "}
        <code className="font-mono">webhooks</code>. <code className="font-mono">{TEST_EVENT_TYPE}</code> is
        sent only by Send test event.
      </p>
      <Table aria-label="Webhook events" className="table-fixed">
        <thead>
          <tr>
            <Th className="w-52">Event</Th>
            <Th>Meaning</Th>
            <Th className="w-[40%]">data</Th>
          </tr>
        </thead>
        <tbody>
          {EVENT_TYPES.map((type) => (
            <tr key={type}>
              <Td className="font-mono text-xs">{type}</Td>
              <Td>{EVENT_CATALOGUE[type].description}</Td>
              <Td className="font-mono text-xs break-words">
                {eventDataFields(type)
                  .map((field) => `${field.name}: ${field.type}`)
                  .join(", ")}
              </Td>
            </tr>
          ))}
        </tbody>
      </Table>
    </Card>
  );
}

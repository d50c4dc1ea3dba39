"use client";
import { useRouter } from "next/navigation";
import { toast } from "@/components/toast";
import { useAction } from "@/components/forms/use-action";
import { formatDateTime } from "@/lib/dates";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Table, Td, Th } from "@/components/ui/table";
import { signOutOtherSessionsAction, signOutSessionAction } from "../actions";

type Row = {
  id: string;
  device: string;
  userAgent: string | null;
  ip: string | null;
  createdAt: string;
  lastSeenAt: string;
  current: boolean;
};

export function SessionsTable({ sessions }: { sessions: Row[] }) {
  const router = useRouter();
  const signOutOne = useAction(signOutSessionAction, (result) => {
    if (result.ok) toast.success("Session signed out");
    else toast.error(result.error);
    router.refresh();
  });
  const signOutOthers = useAction(signOutOtherSessionsAction, (result) => {
    if (result.ok) toast.success(`${result.data} other session(s) signed out`);
    else toast.error(result.error);
    router.refresh();
  });
  const others = sessions.filter((s) => !s.current).length;
  return (
    <div className="space-y-3">
      <Table>
        <thead>
          <tr>
            <Th>Device</Th>
            <Th>IP address</Th>
            <Th>Last seen</Th>
            <Th>Signed in</Th>
            <Th>
              <span className="sr-only">Actions</span>
            </Th>
          </tr>
        </thead>
        <tbody>
          {sessions.map((s) => (
            <tr key={s.id}>
              <Td>
                <span className="font-medium" title={s.userAgent ?? undefined}>
                  {s.device}
                </span>{" "}
                {s.current ? <Badge tone="info">This session</Badge> : null}
              </Td>
              <Td className="font-mono text-xs">{s.ip ?? "—"}</Td>
              <Td>{formatDateTime(s.lastSeenAt)}</Td>
              <Td>{formatDateTime(s.createdAt)}</Td>
              <Td className="text-right">
                {s.current ? null : (
                  <Button
                    variant="ghost"
                    size="sm"
                    aria-label={`Sign out ${s.device} (${s.ip ?? "unknown address"}, last seen ${formatDateTime(s.lastSeenAt)})`}
                    disabled={signOutOne.pending}
                    onClick={() => signOutOne.run({ sessionId: s.id })}
                  >
                    Sign out
                  </Button>
                )}
              </Td>
            </tr>
          ))}
        </tbody>
      </Table>
      <Button
        variant="secondary"
        disabled={others === 0 || signOutOthers.pending}
        onClick={() => signOutOthers.run({})}
      >
        Sign out all other sessions
      </Button>
    </div>
  );
}

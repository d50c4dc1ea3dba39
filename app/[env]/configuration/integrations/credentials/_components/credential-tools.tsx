"use client";
import type { CredentialType } from "@/lib/credentials/schemas";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { SendRequestPanel } from "./send-request-panel";
import { TestPanel } from "./test-panel";

/** Exercising a saved credential: the live Test, or a Send request to a real endpoint. */
export function CredentialTools(props: {
  environment: string;
  id: string;
  type: CredentialType;
  defaultUrl: string;
  destinations: string[];
}) {
  return (
    <Tabs defaultValue="test" className="space-y-4">
      <TabsList aria-label="Use this credential">
        <TabsTrigger value="test">Test</TabsTrigger>
        <TabsTrigger value="send">Send request</TabsTrigger>
      </TabsList>
      <TabsContent value="test">
        <TestPanel
          environment={props.environment}
          id={props.id}
          type={props.type}
          defaultUrl={props.defaultUrl}
        />
      </TabsContent>
      <TabsContent value="send">
        <SendRequestPanel environment={props.environment} id={props.id} destinations={props.destinations} />
      </TabsContent>
    </Tabs>
  );
}

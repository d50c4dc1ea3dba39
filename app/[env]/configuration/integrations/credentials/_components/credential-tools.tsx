"use client";
import dynamic from "next/dynamic";
import { useEffect } from "react";
import type { CredentialType } from "@/lib/credentials/schemas";
import { whenIdle } from "@/components/when-idle";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { TestPanel } from "./test-panel";

// Send request is the second tab: its panel is fetched once the page is idle, not with it.
const loadSendPanel = () => import("./send-request-panel").then((m) => m.SendRequestPanel);
const SendRequestPanel = dynamic(loadSendPanel, { ssr: false });

/** Exercising a saved credential: the live Test, or a Send request to a real endpoint. */
export function CredentialTools(props: {
  environment: string;
  id: string;
  type: CredentialType;
  defaultUrl: string;
  destinations: string[];
}) {
  useEffect(() => whenIdle(() => void loadSendPanel()), []);
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

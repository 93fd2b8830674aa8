/**
 * Every IPC channel of the application, with its request and response
 * schema, and every event main pushes to the renderer. No channel exists
 * outside this module: main registers exactly these, the preload exposes
 * exactly these, and the dispatcher validates every request against them.
 */
import { z } from 'zod';
import {
  AppInfo,
  Id,
  Language,
  PlanOutline,
  PlanSearchQuery,
  PlanSummary,
  Settings,
  View,
} from './domain';

const none = z.object({}).strict();

function channel<Req extends z.ZodType, Res extends z.ZodType>(request: Req, response: Res) {
  return { request, response };
}

export const channels = {
  'app:info': channel(none, AppInfo),
  'settings:get': channel(none, Settings),
  'settings:setLanguage': channel(z.object({ language: Language }).strict(), Settings),
  'plan:list': channel(none, z.array(PlanSummary)),
  'plan:outline': channel(z.object({ planId: Id }).strict(), PlanOutline),
  'plan:search': channel(PlanSearchQuery, z.object({ actionPlanIds: z.array(Id) })),
} as const;

export type Channels = typeof channels;
export type Channel = keyof Channels;
export type RequestOf<C extends Channel> = z.input<Channels[C]['request']>;
/** The request after validation, with defaults applied: what a handler receives. */
export type ParsedRequestOf<C extends Channel> = z.output<Channels[C]['request']>;
export type ResponseOf<C extends Channel> = z.output<Channels[C]['response']>;

export const CHANNEL_NAMES = Object.keys(channels) as Channel[];

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(channels, name);
}

/** Events main pushes to the renderer. */
export const events = {
  /** Something in the database changed; stores refetch what they show. */
  'data:changed': z.object({ scope: z.enum(['plan', 'settings', 'all']) }).strict(),
  /** The application menu asks the renderer to show a view. */
  'menu:navigate': z.object({ view: View }).strict(),
} as const;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayloadOf<E extends EventName> = z.output<Events[E]>;
export const EVENT_NAMES = Object.keys(events) as EventName[];

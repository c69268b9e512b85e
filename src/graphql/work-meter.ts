import type { ApolloServerPlugin } from '@apollo/server';
import { defaultFieldResolver, GraphQLError, GraphQLSchema, isObjectType } from 'graphql';
import type { Context } from '../common/context';
import { ErrorCode } from '../common/errors';

const METER = Symbol('work meter');

/**
 * The work one request may do once it executes: until its deadline, and up to a response size
 * (characters of text plus a few per field). Past either, every further field fails at once, so
 * no more SQL is sent and the half-built answer is replaced by one coded error before it is
 * serialised.
 */
export class WorkMeter {
  private size = 0;
  stopped?: GraphQLError;

  constructor(
    private readonly deadline: number,
    private readonly maxBytes: number,
    private readonly timeoutSeconds: number,
  ) {}

  /** Called before each field resolves: the reason to stop (deadline or size), or undefined to go on. */
  step(fieldName: string): GraphQLError | undefined {
    if (this.stopped) return this.stopped;
    this.size += fieldName.length + 4;
    if (this.size > this.maxBytes) {
      this.stopped = new GraphQLError(`The answer would be larger than ${this.maxBytes} bytes; ask for smaller pages (first/last) or fewer fields.`, {
        extensions: { code: ErrorCode.RESPONSE_TOO_LARGE, limit: this.maxBytes },
      });
    } else if (Date.now() > this.deadline) {
      this.stopped = new GraphQLError(`The request ran longer than ${this.timeoutSeconds} s and was cancelled.`, { extensions: { code: ErrorCode.TIMEOUT } });
    }
    return this.stopped;
  }

  /** Counts a resolved value towards the size. */
  add(value: unknown): void {
    if (typeof value === 'string') this.size += value.length + 2;
    else if (typeof value === 'number') this.size += 8;
  }
}

const metered = new WeakSet<GraphQLSchema>();

/**
 * Wraps every field resolver of the schema (once, at start) so that each step checks the request's
 * {@link WorkMeter}. A resolver's own work is not interrupted: a statement running at the deadline
 * is cancelled by PostgreSQL's statement_timeout, which is the same deadline.
 */
export function meterFields(schema: GraphQLSchema): GraphQLSchema {
  // The app schema is built once per process and shared by every server in it: wrap once.
  if (metered.has(schema)) return schema;
  metered.add(schema);
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const resolve = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, args, context: (Context & { [METER]?: WorkMeter }) | undefined, info) => {
        const meter = context?.[METER];
        if (!meter) return resolve(source, args, context, info);
        const stop = meter.step(info.fieldName);
        // A rejected promise, not a throw: graphql-js abandons the other items of a list when one
        // throws synchronously, and their own failures would then be unhandled rejections.
        if (stop) return Promise.reject(stop);
        const value = resolve(source, args, context, info);
        meter.add(value);
        return value;
      };
    }
  }
  return schema;
}

/**
 * Gives each request its meter (deadline = start + REQUEST_TIMEOUT_MS) and, when the meter
 * stopped the request, answers only the error: TIMEOUT (HTTP 504) or RESPONSE_TOO_LARGE (HTTP 400).
 */
export function workMeterPlugin(options: { requestTimeoutMs: number; maxResponseBytes: number }): ApolloServerPlugin<Context> {
  const timeoutSeconds = Math.round(options.requestTimeoutMs / 100) / 10;
  return {
    async requestDidStart({ contextValue }) {
      const meter = new WorkMeter(Date.now() + options.requestTimeoutMs, options.maxResponseBytes, timeoutSeconds);
      (contextValue as Context & { [METER]?: WorkMeter })[METER] = meter;
      return {
        async willSendResponse({ response }) {
          const stopped = meter.stopped;
          if (!stopped) return;
          const code = stopped.extensions.code;
          response.http.status = code === ErrorCode.TIMEOUT ? 504 : 400;
          response.body = { kind: 'single', singleResult: { data: null, errors: [{ message: stopped.message, extensions: { ...stopped.extensions } }] } };
        },
      };
    },
  };
}

import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { Bindings, ChildLoggerOptions, LevelWithSilentOrString, Logger } from 'pino';

// Fastify gives every request a child logger carrying its id (reqId). pino builds a child by
// serialising its bindings and copying the logger's state: on a cached page that was the
// largest cost of the platform's own (bench/README.md, "Per-request overhead"), paid even when
// nothing is logged. This child is made only when the request logs at an enabled level (an
// error, a warning; every request's line when LOG_LEVEL=info), with the same bindings, so the
// lines are what pino's child would have written.

type Level = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';

class LazyChild {
  private made: Logger | null = null;
  private readonly parent: Logger;
  private readonly own: Bindings;
  constructor(parent: Logger, own: Bindings) {
    this.parent = parent;
    this.own = own;
  }

  /** pino's child, made once on first use. */
  private real(): Logger {
    return (this.made ??= this.parent.child(this.own));
  }
  private write(level: Level, args: unknown[]): void {
    if (this.made === null && !this.parent.isLevelEnabled(level)) return;
    const logger = this.real();
    Reflect.apply(logger[level], logger, args);
  }

  get level(): LevelWithSilentOrString {
    return this.made?.level ?? this.parent.level;
  }
  set level(level: LevelWithSilentOrString) {
    this.real().level = level;
  }
  isLevelEnabled(level: string): boolean {
    return (this.made ?? this.parent).isLevelEnabled(level);
  }
  bindings(): Bindings {
    return this.made ? this.made.bindings() : { ...this.parent.bindings(), ...this.own };
  }
  child(bindings: Bindings, options?: ChildLoggerOptions): Logger {
    return this.real().child(bindings, options);
  }
  fatal(...args: unknown[]): void {
    this.write('fatal', args);
  }
  error(...args: unknown[]): void {
    this.write('error', args);
  }
  warn(...args: unknown[]): void {
    this.write('warn', args);
  }
  info(...args: unknown[]): void {
    this.write('info', args);
  }
  debug(...args: unknown[]): void {
    this.write('debug', args);
  }
  trace(...args: unknown[]): void {
    this.write('trace', args);
  }
  silent(): void {}
}

/** Fastify's childLoggerFactory: a lazy child for requests; pino's own when a route sets a level or serializers. */
export function lazyChildLogger(this: FastifyInstance, logger: FastifyBaseLogger, bindings: Bindings, options: ChildLoggerOptions): FastifyBaseLogger {
  const pino = logger as Partial<Logger>;
  if (options.level !== undefined || options.serializers !== undefined || typeof pino.isLevelEnabled !== 'function') return logger.child(bindings, options);
  return new LazyChild(logger as Logger, bindings);
}

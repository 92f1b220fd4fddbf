/**
 * Every job the platform can run, by name. Core jobs register in
 * start/jobs.ts, plugin jobs through the plugin runtime. Both queue drivers
 * (in-process and BullMQ) execute jobs through this registry.
 */
export interface JobContext {
  /** 1 on the first delivery */
  attempt: number
  /** stable per job: use it as (part of) the idempotency key of the effect */
  jobKey: string
}

export type JobHandler<Payload = any> = (payload: Payload, context: JobContext) => Promise<void>

export interface JobOptions {
  /** attempts before the job is marked failed (default 5) */
  attempts?: number
  /** first retry delay; doubles at each attempt (default 1000 ms) */
  backoffMs?: number
}

class JobRegistry {
  #jobs = new Map<string, { handler: JobHandler; options: JobOptions }>()

  register<Payload>(name: string, handler: JobHandler<Payload>, options: JobOptions = {}) {
    if (this.#jobs.has(name)) {
      throw new Error(`Job "${name}" is registered twice`)
    }
    this.#jobs.set(name, { handler, options })
  }

  get(name: string) {
    const job = this.#jobs.get(name)
    if (!job) {
      throw new Error(`Unknown job "${name}"`)
    }
    return job
  }

  has(name: string) {
    return this.#jobs.has(name)
  }

  names() {
    return [...this.#jobs.keys()]
  }
}

export const jobRegistry = new JobRegistry()

/**
 * TimerQueue is the scheduler's priority queue (presence.md P4.6): a binary min-heap of timers by due
 * time, then by the order they were scheduled (so timers due together fire in that order), with
 * removal by position so that a cancelled timer leaves nothing behind (the NOTIFY throttle and the
 * refreshes cancel and reschedule all the time; lazy deletion would let the heap grow without bound).
 */

/** QueuedTimer is one pending timer; `index` is its place in the heap, kept by the queue. */
export interface QueuedTimer {
  readonly due: number
  readonly sequence: number
  index: number
}

export class TimerQueue<T extends QueuedTimer> {
  readonly #heap: T[] = []

  get size(): number {
    return this.#heap.length
  }

  peek(): T | undefined {
    return this.#heap[0]
  }

  push(timer: T): void {
    timer.index = this.#heap.length
    this.#heap.push(timer)
    this.#up(timer.index)
  }

  /** remove takes a timer out wherever it is; false when it is no longer queued. */
  remove(timer: T): boolean {
    const index = timer.index
    if (this.#heap[index] !== timer) return false
    const last = this.#heap.pop()!
    timer.index = -1
    if (last !== timer) {
      this.#place(last, index)
      this.#down(index)
      this.#up(index)
    }
    return true
  }

  clear(): void {
    for (const timer of this.#heap) timer.index = -1
    this.#heap.length = 0
  }

  #up(index: number): void {
    while (index > 0) {
      const parent = (index - 1) >> 1
      if (!this.#before(index, parent)) return
      this.#swap(index, parent)
      index = parent
    }
  }

  #down(index: number): void {
    for (;;) {
      const left = 2 * index + 1
      const right = left + 1
      let first = index
      if (left < this.#heap.length && this.#before(left, first)) first = left
      if (right < this.#heap.length && this.#before(right, first)) first = right
      if (first === index) return
      this.#swap(index, first)
      index = first
    }
  }

  #before(a: number, b: number): boolean {
    const x = this.#heap[a]!
    const y = this.#heap[b]!
    return x.due !== y.due ? x.due < y.due : x.sequence < y.sequence
  }

  #swap(a: number, b: number): void {
    const x = this.#heap[a]!
    this.#place(this.#heap[b]!, a)
    this.#place(x, b)
  }

  #place(timer: T, index: number): void {
    this.#heap[index] = timer
    timer.index = index
  }
}

package dev.daybook.shared.queue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/** The deliveries this worker is running now, shared by its processors and its heartbeater. */
final class InFlight {

    /** Why a running delivery must stop before it finishes. */
    enum StopReason {
        /** The job was cancelled by its owner. */
        CANCELLED,
        /** Our lease expired and another worker took the entry. */
        LOST,
        /** This worker is shutting down and handed the job back. */
        HANDED_BACK
    }

    /** One running delivery and the thread working on it. */
    static final class Running {
        final Delivery delivery;
        final Thread thread;
        private final AtomicReference<StopReason> stop = new AtomicReference<>();
        private volatile boolean completing;
        private volatile long leaseRenewedAt;

        Running(Delivery delivery, Thread thread, long now) {
            this.delivery = delivery;
            this.thread = thread;
            this.leaseRenewedAt = now;
        }

        /** A heartbeat extended this delivery's lease at {@code now} (epoch ms). */
        void renewed(long now) {
            leaseRenewedAt = now;
        }

        /** When the lease was last taken or extended (epoch ms): it holds until then plus the lease. */
        long leaseRenewedAt() {
            return leaseRenewedAt;
        }

        /** Records the first reason to stop and interrupts the worker thread; false if already stopping. */
        boolean stop(StopReason reason) {
            if (stop.compareAndSet(null, reason)) {
                thread.interrupt();
                return true;
            }
            return false;
        }

        StopReason stopReason() {
            return stop.get();
        }

        /** The work is done and its completion is on its way to Redis, which may ack the entry any moment. */
        void completing() {
            completing = true;
        }

        boolean isCompleting() {
            return completing;
        }
    }

    private final Map<String, Running> running = new ConcurrentHashMap<>();

    Running add(Delivery d, Thread thread, long now) {
        Running r = new Running(d, thread, now);
        running.put(d.entryId(), r);
        return r;
    }

    void remove(Delivery d) {
        running.remove(d.entryId());
    }

    Running get(String entryId) {
        return running.get(entryId);
    }

    List<Running> all() {
        return new ArrayList<>(running.values());
    }

    long countFor(String stage) {
        return running.values().stream().filter(r -> r.delivery.stage().name().equals(stage)).count();
    }
}

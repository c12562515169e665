package dev.daybook.shared.testing;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import dev.daybook.shared.queue.LoopLifecycle;
import dev.daybook.shared.queue.LoopThread;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.context.SmartLifecycle;

/** The loop rule of {@link ModuleBoundaries} accepts the shapes Daybook uses and refuses the others. */
class LoopOwnershipRuleTest {

    /** The shape for one loop. */
    static class Indexer extends LoopLifecycle {
        Indexer() {
            super("indexer", Duration.ZERO, Duration.ofSeconds(1));
        }

        @Override
        protected void round() {
        }
    }

    /** A part of a lifecycle that owns several loops, started by it. */
    static class Courier {
        private final LoopThread loop = new LoopThread("courier", Duration.ZERO, () -> { });

        void start() {
            loop.start();
        }
    }

    /** Starts its parts, in order. */
    static class Couriers implements SmartLifecycle {
        private final Courier courier = new Courier();
        private volatile boolean running;

        @Override
        public void start() {
            courier.start();
            running = true;
        }

        @Override
        public void stop() {
            running = false;
        }

        @Override
        public boolean isRunning() {
            return running;
        }
    }

    /** Starts its loop by itself, when built: nothing stops it with the context or starts it again after a pause. */
    static class Stray {
        private final LoopThread loop = new LoopThread("stray", Duration.ZERO, () -> { });

        Stray() {
            loop.start();
        }
    }

    /** A part started by something that is no lifecycle. */
    static class Orphan {
        private final LoopThread loop = new LoopThread("orphan", Duration.ZERO, () -> { });

        void start() {
            loop.start();
        }
    }

    static class OrphanStarter {
        void go() {
            new Orphan().start();
        }
    }

    /** The trio written out again instead of extending LoopLifecycle. */
    static class HandRolled implements SmartLifecycle {
        private final LoopThread loop = new LoopThread("hand-rolled", Duration.ZERO, () -> { });
        private volatile boolean running;

        @Override
        public void start() {
            loop.start();
            running = true;
        }

        @Override
        public void stop() {
            loop.stop(Duration.ofSeconds(1));
            running = false;
        }

        @Override
        public boolean isRunning() {
            return running;
        }
    }

    @Test
    void aLoopLifecycleAndPartsALifecycleStartsPass() {
        assertThatCode(() -> ModuleBoundaries.loopsAreOwnedByLifecycles(new ClassFileImporter()
                .importClasses(LoopLifecycle.class, Indexer.class, Courier.class, Couriers.class)))
                .doesNotThrowAnyException();
    }

    @Test
    void aLoopStartedByNoLifecycleFails() {
        assertThatThrownBy(() -> ModuleBoundaries.loopsAreOwnedByLifecycles(new ClassFileImporter()
                .importClasses(Stray.class))).isInstanceOf(AssertionError.class).hasMessageContaining("Stray");
        assertThatThrownBy(() -> ModuleBoundaries.loopsAreOwnedByLifecycles(new ClassFileImporter()
                .importClasses(Orphan.class, OrphanStarter.class))).isInstanceOf(AssertionError.class)
                .hasMessageContaining("Orphan");
    }

    @Test
    void aLifecycleThatRepeatsTheTrioAroundItsOwnLoopThreadFails() {
        assertThatThrownBy(() -> ModuleBoundaries.loopsAreOwnedByLifecycles(new ClassFileImporter()
                .importClasses(HandRolled.class))).isInstanceOf(AssertionError.class)
                .hasMessageContaining("HandRolled").hasMessageContaining("LoopLifecycle");
    }
}

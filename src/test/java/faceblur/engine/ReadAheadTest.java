package faceblur.engine;

import faceblur.FaceblurException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReadAheadTest {

    /** An item that counts how many of its kind are still open. */
    private static final class Item implements AutoCloseable {
        final int n;
        final AtomicInteger open;
        boolean closed;

        Item(int n, AtomicInteger open) {
            this.n = n;
            this.open = open;
            open.incrementAndGet();
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                open.decrementAndGet();
            }
        }
    }

    @Test
    void itemsArriveInOrderThenNull() {
        AtomicInteger open = new AtomicInteger();
        AtomicInteger made = new AtomicInteger();
        List<Integer> seen = new ArrayList<>();
        try (ReadAhead<Item> ahead = new ReadAhead<>("test", 3,
                () -> made.get() < 100 ? new Item(made.getAndIncrement(), open) : null)) {
            for (Item item = ahead.next(); item != null; item = ahead.next()) {
                seen.add(item.n);
                item.close();
            }
            assertThat(ahead.next()).isNull();
        }
        assertThat(seen).hasSize(100).isSorted().startsWith(0).endsWith(99);
        assertThat(open).hasValue(0);
    }

    @Test
    void theProducersFailureReachesTheTakerAfterTheItemsBeforeIt() {
        AtomicInteger open = new AtomicInteger();
        AtomicInteger made = new AtomicInteger();
        try (ReadAhead<Item> ahead = new ReadAhead<>("test", 2, () -> {
            if (made.get() == 5) {
                throw new FaceblurException("frame 5 is damaged");
            }
            return new Item(made.getAndIncrement(), open);
        })) {
            for (int i = 0; i < 5; i++) {
                ahead.next().close();
            }
            assertThatThrownBy(ahead::next).isInstanceOf(FaceblurException.class).hasMessage("frame 5 is damaged");
        }
        assertThat(open).hasValue(0);
    }

    @Test
    void closingEarlyStopsTheProducerAndClosesWhatItMade() throws InterruptedException {
        AtomicInteger open = new AtomicInteger();
        AtomicInteger made = new AtomicInteger();
        ReadAhead<Item> ahead = new ReadAhead<>("test", 4, () -> new Item(made.getAndIncrement(), open));
        ahead.next().close();
        // the producer fills the queue (4 after the one taken) and makes one more that waits for room
        await().atMost(java.time.Duration.ofSeconds(5)).until(() -> made.get() >= 6);
        ahead.close();
        int after = made.get();
        Thread.sleep(50); // time under test: nothing more is made in the 50 ms after close
        assertThat(made.get()).isEqualTo(after);
        assertThat(open).hasValue(0);
    }

    @Test
    void aFailureWithTheQueueFullStillReachesTheTaker() throws InterruptedException {
        AtomicInteger open = new AtomicInteger();
        AtomicInteger made = new AtomicInteger();
        try (ReadAhead<Item> ahead = new ReadAhead<>("test", 2, () -> {
            if (made.get() == 2) {
                throw new FaceblurException("frame 2 is damaged");
            }
            return new Item(made.getAndIncrement(), open);
        })) {
            // the two items fill the queue before the failure comes
            await().atMost(java.time.Duration.ofSeconds(5)).until(() -> made.get() == 2);
            org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(5), () -> {
                ahead.next().close();
                ahead.next().close();
                assertThatThrownBy(ahead::next).isInstanceOf(FaceblurException.class).hasMessage("frame 2 is damaged");
            });
        }
        assertThat(open).hasValue(0);
    }
}

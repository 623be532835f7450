package io.msbmcp.adapter.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msbmcp.adapter.testing.MovableClock;
import io.msbmcp.errors.ErrorCode;
import io.msbmcp.errors.ResourceLimitException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class TaskStoreTest {
    private static final TaskOwner ALICE = new TaskOwner("alice", null);
    private static final TaskOwner BOB = new TaskOwner("bob", null);

    private final MovableClock clock = new MovableClock();
    private final TaskStore store =
            new TaskStore(clock, new TaskLimits(Duration.ofHours(1), Duration.ofDays(1), 3, 100));

    @Test
    void create_manyTasks_idsAreDistinctAndCarryAtLeast128Bits() {
        TaskStore big = new TaskStore(clock, new TaskLimits(Duration.ofHours(1), Duration.ofDays(1), 1000, 100));
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 500; i++) {
            String id = big.create(ALICE, null).id();
            assertThat(id).matches("[A-Za-z0-9_-]{24}"); // 18 bytes, base64url: 144 bits
            ids.add(id);
        }
        assertThat(ids).hasSize(500);
    }

    @Test
    void find_otherPrincipal_isEmptyAsForAnUnknownId() {
        Task task = store.create(ALICE, null);

        assertThat(store.find(task.id(), ALICE)).containsSame(task);
        assertThat(store.find(task.id(), BOB)).isEmpty();
        assertThat(store.find(task.id(), new TaskOwner("alice", "other-mcp-session")))
                .isEmpty();
        assertThat(store.find("no-such-task", ALICE)).isEmpty();
    }

    @Test
    void list_twoCallers_eachSeesOnlyTheirOwnOldestFirst() {
        Task first = store.create(ALICE, null);
        clock.advance(Duration.ofSeconds(1));
        store.create(BOB, null);
        clock.advance(Duration.ofSeconds(1));
        Task second = store.create(ALICE, null);

        assertThat(store.list(ALICE)).containsExactly(first, second);
        assertThat(store.list(BOB)).hasSize(1);
    }

    @Test
    void create_countBudgetFull_isRefusedWithResourceLimit() {
        store.create(ALICE, null);
        store.create(ALICE, null);
        store.create(BOB, null);

        assertThatThrownBy(() -> store.create(ALICE, null))
                .isInstanceOf(ResourceLimitException.class)
                .hasMessageContaining("3 of 3")
                .satisfies(e ->
                        assertThat(((ResourceLimitException) e).code()).isEqualTo(ErrorCode.RESOURCE_LIMIT_EXCEEDED));
    }

    @Test
    void create_afterTtlPassed_expiredTasksMakeRoom() {
        store.create(ALICE, Duration.ofSeconds(10));
        store.create(ALICE, Duration.ofSeconds(10));
        store.create(ALICE, Duration.ofSeconds(10));
        clock.advance(Duration.ofSeconds(11));

        assertThat(store.create(ALICE, null).status()).isEqualTo(TaskStatus.WORKING);
        assertThat(store.size()).isEqualTo(1);
    }

    @Test
    void create_ttlAboveMaximum_isCutToTheMaximum() {
        assertThat(store.create(ALICE, Duration.ofDays(30)).ttl()).isEqualTo(Duration.ofDays(1));
        assertThat(store.create(ALICE, null).ttl()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void find_pastTtl_isEmptyAndAWorkingTaskIsCancelled() {
        Task task = store.create(ALICE, Duration.ofSeconds(5));
        AtomicBoolean stopped = new AtomicBoolean();
        task.cancellation().onCancel(() -> stopped.set(true));
        clock.advance(Duration.ofSeconds(5));

        assertThat(store.find(task.id(), ALICE)).isEmpty();
        assertThat(stopped).isTrue();
    }

    @Test
    void complete_workingTask_isCompletedWithItsResult() {
        Task task = store.create(ALICE, null);
        clock.advance(Duration.ofSeconds(3));

        assertThat(store.complete(task, "result", 40)).isTrue();

        Task.Snapshot snapshot = task.snapshot();
        assertThat(snapshot.status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(snapshot.outcome()).isEqualTo("result");
        assertThat(snapshot.lastUpdatedAt()).isEqualTo(task.createdAt().plusSeconds(3));
        assertThat(task.done()).isCompleted();
        assertThat(store.resultBytes()).isEqualTo(40);
    }

    @Test
    void complete_resultOverByteBudget_failsWithAMessageThatSaysSo() {
        Task task = store.create(ALICE, null);

        assertThat(store.complete(task, "huge", 101)).isTrue();

        assertThat(task.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(task.snapshot().statusMessage()).contains("101 bytes").contains("budget");
        assertThat(store.resultBytes()).isZero();
    }

    @Test
    void resultBytes_afterExpiry_areReleased() {
        Task task = store.create(ALICE, Duration.ofSeconds(5));
        store.complete(task, "r", 60);
        clock.advance(Duration.ofSeconds(6));

        assertThat(store.sweepExpired()).isEqualTo(1);
        assertThat(store.resultBytes()).isZero();
    }

    @Test
    void cancel_workingTask_firesItsCancellationOnce() {
        Task task = store.create(ALICE, null);
        AtomicBoolean stopped = new AtomicBoolean();
        task.cancellation().onCancel(() -> stopped.set(true));

        assertThat(store.cancel(task, "cancelled by the client")).isTrue();
        assertThat(store.cancel(task, "again")).isFalse();

        assertThat(stopped).isTrue();
        assertThat(task.status()).isEqualTo(TaskStatus.CANCELLED);
        assertThat(task.snapshot().statusMessage()).isEqualTo("cancelled by the client");
    }

    @Test
    void complete_afterCancel_isDroppedAndTheTaskStaysCancelled() {
        Task task = store.create(ALICE, null);
        store.cancel(task, "cancelled by the client");

        assertThat(store.complete(task, "late result", 10)).isFalse();

        assertThat(task.status()).isEqualTo(TaskStatus.CANCELLED);
        assertThat(store.resultBytes()).isZero();
    }

    @Test
    void cancel_terminalTask_isRefused() {
        Task task = store.create(ALICE, null);
        store.fail(task, "error", "the call failed");

        assertThat(store.cancel(task, "too late")).isFalse();
        assertThat(task.status()).isEqualTo(TaskStatus.FAILED);
    }

    @Test
    void statusMessage_workingTask_isKeptCurrentAndIgnoredOnceTerminal() {
        Task task = store.create(ALICE, null);
        task.statusMessage("running, 40 s", clock.instant());
        assertThat(task.snapshot().statusMessage()).isEqualTo("running, 40 s");

        store.complete(task, "r", 1);
        task.statusMessage("running, 50 s", clock.instant());
        assertThat(task.snapshot().statusMessage()).isEqualTo("running, 40 s");
    }
}

/* test_loop_virtual.c - the loop on a virtual clock (the simulator's):
 * timers fire in due order with the clock jumping to each, deferred work
 * runs before time moves, the media tick keeps its 20 ms grid, and the
 * clock waits for work in flight (worker jobs, mailbox posts, holds)
 * instead of running ahead of it. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <pthread.h>
#include <stdatomic.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "runtime/clock.h"
#include "runtime/loop.h"

#define WALL0_MS 1700000000000ull

static uint64_t mono0;
static char order[64];
static size_t norder;

static uint64_t real_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

static uint64_t vms(void)
{
	return (clock_mono_us() - mono0) / 1000u;
}

static void mark(char c)
{
	if (norder < sizeof(order) - 1)
		order[norder++] = c;
	order[norder] = '\0';
}

static int setup(void **state)
{
	(void)state;
	loop_set_virtual(WALL0_MS);
	assert_true(loop_is_virtual());
	assert_int_equal(loop_init(), 0);
	mono0 = clock_mono_us();
	norder = 0;
	order[0] = '\0';
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	loop_close();
	assert_false(loop_is_virtual());
	return 0;
}

/* ---- timers ---- */

struct stamp {
	char c;
	uint64_t at_ms;
};

static void stamp_h(void *arg)
{
	struct stamp *s = arg;

	s->at_ms = vms();
	mark(s->c);
}

static void test_timers_order(void **state)
{
	struct tmr t[4] = {{0}};
	struct stamp s[4] = {{'a', 0}, {'b', 0}, {'c', 0}, {'d', 0}};
	uint64_t r0 = real_ms();

	(void)state;
	tmr_start(&t[0], 3600000, stamp_h, &s[0]);   /* an hour */
	tmr_start(&t[1], 500, stamp_h, &s[1]);
	tmr_start(&t[2], 500, stamp_h, &s[2]);       /* same time: after b */
	tmr_start(&t[3], 20, stamp_h, &s[3]);
	assert_true(tmr_isrunning(&t[0]));
	assert_int_equal(loop_run(), 0);             /* nothing left: returns */
	assert_string_equal(order, "dbca");
	assert_int_equal(s[3].at_ms, 20);
	assert_int_equal(s[1].at_ms, 500);
	assert_int_equal(s[2].at_ms, 500);
	assert_int_equal(s[0].at_ms, 3600000);
	assert_false(tmr_isrunning(&t[0]));
	assert_true(real_ms() - r0 < 1000);          /* an hour, at once */
	assert_int_equal(clock_wall_ms(), WALL0_MS + 3600000);
	for (int i = 0; i < 4; i++)
		tmr_close(&t[i]);
}

static void test_timers_cancel_restart(void **state)
{
	struct tmr t[3] = {{0}};
	struct stamp s[3] = {{'a', 0}, {'b', 0}, {'c', 0}};

	(void)state;
	tmr_start(&t[0], 100, stamp_h, &s[0]);
	tmr_start(&t[1], 200, stamp_h, &s[1]);
	tmr_start(&t[2], 300, stamp_h, &s[2]);
	tmr_cancel(&t[1]);
	assert_false(tmr_isrunning(&t[1]));
	tmr_start(&t[0], 400, stamp_h, &s[0]);       /* re-armed: moves */
	tmr_close(&t[2]);                            /* closed while pending */
	assert_int_equal(loop_run(), 0);
	assert_string_equal(order, "a");
	assert_int_equal(s[0].at_ms, 400);
	tmr_close(&t[0]);
	tmr_close(&t[1]);
	tmr_close(&t[2]);
}

/* A deferred run comes before any timer, and replaces the timer's own
 * pending run, as on the real clock. */
static void test_defer(void **state)
{
	struct tmr t = {0}, u = {0};
	struct stamp s = {'d', 99}, x = {'x', 0};

	(void)state;
	tmr_start(&u, 0, stamp_h, &x);
	tmr_start(&t, 1000, stamp_h, &s);
	tmr_defer(&t, stamp_h, &s);
	assert_int_equal(loop_run(), 0);
	assert_string_equal(order, "dx");
	assert_int_equal(s.at_ms, 0);
	tmr_close(&t);
	tmr_close(&u);
}

static struct tmr stop_t;

static void stop_h(void *arg)
{
	(void)arg;
	mark('s');
	loop_stop();
}

static void test_stop(void **state)
{
	struct tmr later = {0};
	struct stamp s = {'z', 0};

	(void)state;
	tmr_start(&stop_t, 50, stop_h, NULL);
	tmr_start(&later, 60, stamp_h, &s);
	assert_int_equal(loop_run(), 0);
	assert_string_equal(order, "s");
	assert_int_equal(vms(), 50);
	assert_true(tmr_isrunning(&later));
	tmr_close(&later);
	tmr_close(&stop_t);
}

/* ---- the media tick ---- */

static uint64_t ticks[8];
static unsigned nticks;

static void on_tick(uint64_t now_us, void *arg)
{
	(void)arg;
	assert_int_equal(now_us, clock_mono_us());
	if (nticks < 8)
		ticks[nticks] = (now_us - mono0) / 1000u;
	nticks++;
}

static void test_tick(void **state)
{
	struct tmr t = {0};
	struct tick_stats st;

	(void)state;
	nticks = 0;
	assert_int_equal(loop_tick_start(20000, on_tick, NULL), 0);
	tmr_start(&stop_t, 1000, stop_h, NULL);
	tmr_start(&t, 30, stamp_h, &(struct stamp){'t', 0});
	assert_int_equal(loop_run(), 0);
	/* At 1000 ms the stop goes first: it was started before the tick
	 * due then (which was armed at 980 ms). */
	assert_int_equal(nticks, 49);
	assert_int_equal(ticks[0], 20);
	assert_int_equal(ticks[1], 40);
	assert_int_equal(ticks[7], 160);
	loop_tick_stats(&st);
	assert_int_equal(st.ticks, 49);
	assert_int_equal(st.skipped, 0);
	loop_tick_stop();
	tmr_close(&t);
	tmr_close(&stop_t);
}

/* ---- work in flight ---- */

static atomic_int job_state;
static uint64_t done_at = 99;

static void slow_work(void *arg)
{
	(void)arg;
	usleep(50000);            /* 50 ms of real time */
	atomic_store(&job_state, 1);
}

static void slow_done(void *arg)
{
	(void)arg;
	done_at = vms();
	mark('j');
}

static void job_seen_h(void *arg)
{
	(void)arg;
	mark(atomic_load(&job_state) ? 't' : 'T');
}

static void test_waits_for_job(void **state)
{
	struct workq *wq;
	struct tmr t = {0};

	(void)state;
	atomic_store(&job_state, 0);
	assert_int_equal(workq_alloc(&wq, "test", 1), 0);
	assert_int_equal(workq_submit(wq, slow_work, slow_done, NULL), 0);
	tmr_start(&t, 10, job_seen_h, NULL);
	assert_int_equal(loop_run(), 0);
	/* The job's done came first, at virtual time 0: the clock did not
	 * move while the worker ran. */
	assert_string_equal(order, "jt");
	assert_int_equal(done_at, 0);
	workq_free(wq);
	tmr_close(&t);
}

/* A job longer than the stall limit (a slow handler): the clock stops
 * waiting for it, but runs no faster than real time from then on, so a
 * timer due after the job's real length fires after its done, and one due
 * before fires while it still runs. */
static void long_work(void *arg)
{
	(void)arg;
	usleep(1200000);
	atomic_store(&job_state, 1);
}

static void test_long_job_paced(void **state)
{
	struct workq *wq;
	struct stamp early = {'e', 0}, late = {'l', 0};
	struct tmr te = {0}, tl = {0};
	uint64_t t0 = real_ms();

	(void)state;
	loop_set_virtual_stall(300);
	atomic_store(&job_state, 0);
	assert_int_equal(workq_alloc(&wq, "test", 1), 0);
	assert_int_equal(workq_submit(wq, long_work, slow_done, NULL), 0);
	tmr_start(&te, 600, stamp_h, &early);
	tmr_start(&tl, 5000, stamp_h, &late);
	assert_int_equal(loop_run(), 0);
	assert_string_equal(order, "ejl");
	assert_int_equal(early.at_ms, 600);
	assert_int_equal(late.at_ms, 5000);
	/* done came when the job ended, 1.2 s in on both clocks; then the
	 * clock jumped again */
	assert_true(done_at >= 1200 && done_at < 5000);
	assert_true(real_ms() - t0 < 5000);
	workq_free(wq);
	tmr_close(&te);
	tmr_close(&tl);
}

/* A job without done that posts its own result (speech, prompts). */
static void post_h(void *msg)
{
	(void)msg;
	mark('p');
}

static void posting_work(void *arg)
{
	(void)arg;
	usleep(30000);
	loop_post(post_h, NULL);
}

static void test_waits_for_post(void **state)
{
	struct workq *wq;
	struct tmr t = {0};

	(void)state;
	assert_int_equal(workq_alloc(&wq, "test", 1), 0);
	assert_int_equal(workq_submit(wq, posting_work, NULL, NULL), 0);
	tmr_start(&t, 1, stamp_h, &(struct stamp){'t', 0});
	assert_int_equal(loop_run(), 0);
	assert_string_equal(order, "pt");
	workq_free(wq);
	tmr_close(&t);
}

/* A completion that is neither a job nor a post yet holds the clock. */
static atomic_int released;

static void *releaser(void *arg)
{
	(void)arg;
	usleep(50000);
	atomic_store(&released, 1);
	loop_release();
	return NULL;
}

static void release_seen_h(void *arg)
{
	(void)arg;
	mark(atomic_load(&released) ? 'r' : 'R');
}

static void test_hold(void **state)
{
	struct tmr t = {0};
	pthread_t th;

	(void)state;
	atomic_store(&released, 0);
	loop_hold();
	assert_int_equal(pthread_create(&th, NULL, releaser, NULL), 0);
	tmr_start(&t, 5, release_seen_h, NULL);
	assert_int_equal(loop_run(), 0);
	assert_string_equal(order, "r");
	assert_int_equal(vms(), 5);
	pthread_join(th, NULL);
	tmr_close(&t);
}

/* Workers keep real monotonic time: a budget measured there is real. */
static uint64_t worker_mono;

static void mono_work(void *arg)
{
	(void)arg;
	worker_mono = clock_mono_us();
}

static void test_worker_clock(void **state)
{
	struct workq *wq;
	struct tmr t = {0};
	struct timespec ts;

	(void)state;
	tmr_start(&t, 7200000, stamp_h, &(struct stamp){'t', 0});
	assert_int_equal(loop_run(), 0);
	assert_int_equal(workq_alloc(&wq, "test", 1), 0);
	assert_int_equal(workq_submit(wq, mono_work, NULL, NULL), 0);
	workq_free(wq);
	clock_gettime(CLOCK_MONOTONIC, &ts);
	assert_true(worker_mono <= (uint64_t)ts.tv_sec * 1000000u +
		    (uint64_t)ts.tv_nsec / 1000u);
	assert_true(clock_mono_us() - worker_mono > 7000000000ull);
	tmr_close(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_timers_order, setup, teardown),
		cmocka_unit_test_setup_teardown(test_timers_cancel_restart, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_defer, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stop, setup, teardown),
		cmocka_unit_test_setup_teardown(test_tick, setup, teardown),
		cmocka_unit_test_setup_teardown(test_waits_for_job, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_long_job_paced, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_waits_for_post, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_hold, setup, teardown),
		cmocka_unit_test_setup_teardown(test_worker_clock, setup,
						teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

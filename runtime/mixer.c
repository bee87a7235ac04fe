/* mixer.c - rooms and players: each tick every member of a room hears the
 * other members plus the players aimed at it or at the whole room. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "media_priv.h"

/* A finished player waits in the done queue; pos marks it as queued. */
#define PLAYER_QUEUED SIZE_MAX

static struct {
	struct room *rooms;
	unsigned nrooms, nplayers;
	struct player *done_head, *done_tail;
} mx;

/* ---- rooms ---- */

static void room_link(struct room *r)
{
	r->prev = NULL;
	r->next = mx.rooms;
	if (mx.rooms)
		mx.rooms->prev = r;
	mx.rooms = r;
	mx.nrooms++;
}

static void room_unlink(struct room *r)
{
	if (r->prev)
		r->prev->next = r->next;
	else
		mx.rooms = r->next;
	if (r->next)
		r->next->prev = r->prev;
	r->prev = r->next = NULL;
	mx.nrooms--;
}

static void member_add(struct room *r, struct media_leg *ml)
{
	ml->mprev = NULL;
	ml->mnext = r->members;
	if (r->members)
		r->members->mprev = ml;
	r->members = ml;
	r->nmembers++;
	ml->room = r;
}

static void member_del(struct media_leg *ml)
{
	struct room *r = ml->room;

	if (!r)
		return;
	if (ml->mprev)
		ml->mprev->mnext = ml->mnext;
	else
		r->members = ml->mnext;
	if (ml->mnext)
		ml->mnext->mprev = ml->mprev;
	ml->mprev = ml->mnext = NULL;
	r->nmembers--;
	ml->room = NULL;
}

/* Forget every player on a list: their owners still hold them and will
 * call player_stop, which is then a no-op. Their done never runs. */
static void players_drop(struct player **list)
{
	struct player *p;

	while ((p = *list)) {
		*list = p->next;
		p->next = NULL;
		audio_clip_deref(p->clip);
		p->clip = NULL;
		p->room = NULL;
		p->active = false;
		mx.nplayers--;
	}
}

/* Everyone in r goes back to their own room; r is left empty. */
static void room_evacuate(struct room *r)
{
	struct media_leg *ml;

	while ((ml = r->members)) {
		member_del(ml);
		member_add(&ml->own, ml);
	}
	players_drop(&r->players);
}

void mixer_room_init_own(struct media_leg *ml)
{
	memset(&ml->own, 0, sizeof(ml->own));
	ml->own.owner = ml;
	room_link(&ml->own);
	member_add(&ml->own, ml);
}

void mixer_leg_detach(struct media_leg *ml)
{
	players_drop(&ml->players);
	member_del(ml);
	room_evacuate(&ml->own);
	room_unlink(&ml->own);
}

int media_room_alloc(struct room **rp)
{
	struct room *r;

	if (!rp)
		return EINVAL;
	r = calloc(1, sizeof(*r));
	if (!r)
		return ENOMEM;
	room_link(r);
	*rp = r;
	return 0;
}

void media_room_free(struct room *r)
{
	if (!r)
		return;
	if (r->owner) {
		/* A leg's own room lives and dies with the leg. */
		log_warn("media", "media_room_free on a leg's own room ignored");
		return;
	}
	room_evacuate(r);
	room_unlink(r);
	free(r);
}

int media_room_join(struct room *r, struct media_leg *ml)
{
	if (!r || !ml)
		return EINVAL;
	if (ml->room == r)
		return 0;
	member_del(ml);
	member_add(r, ml);
	return 0;
}

unsigned media_room_members(const struct room *r)
{
	return r ? r->nmembers : 0;
}

struct room *media_leg_room(const struct media_leg *ml)
{
	return ml ? ml->room : NULL;
}

/* ---- players ---- */

/* Players aimed at a leg hang off the leg, so they follow it from room
 * to room; room-wide players hang off the room. */
static struct player **player_list(struct player *p)
{
	return p->to ? &p->to->players : &p->room->players;
}

/* media.h gives player_start no room: a room-wide player (to == NULL)
 * plays into p->room, which its owner sets before starting it (e.g. to
 * media_leg_room(leg)); EINVAL if it did not. */
int player_start(struct player *p, struct media_leg *to,
		 struct audio_clip *clip, unsigned repeat,
		 player_done_h *done, void *arg)
{
	struct player **list;

	if (!p || !clip || (!to && !p->room))
		return EINVAL;
	if (p->active)
		return EBUSY;
	p->to = to;
	p->clip = audio_clip_ref(clip);
	p->pos = 0;
	p->repeat_left = repeat;
	p->done = done;
	p->arg = arg;
	p->active = true;
	list = player_list(p);
	p->next = *list;
	*list = p;
	mx.nplayers++;
	return 0;
}

static void list_remove(struct player **list, struct player *p)
{
	for (; *list; list = &(*list)->next) {
		if (*list == p) {
			*list = p->next;
			break;
		}
	}
	p->next = NULL;
}

void player_stop(struct player *p)
{
	struct player *prev = NULL, *q;

	if (!p || !p->active)
		return;
	if (p->pos == PLAYER_QUEUED) {
		for (q = mx.done_head; q && q != p; q = q->next)
			prev = q;
		if (mx.done_tail == p)
			mx.done_tail = prev;
		list_remove(&mx.done_head, p);
	} else {
		list_remove(player_list(p), p);
	}
	audio_clip_deref(p->clip);
	p->clip = NULL;
	p->pos = 0;
	p->active = false;
	mx.nplayers--;
}

bool player_active(const struct player *p)
{
	return p && p->active;
}

/* Add one frame of p to acc. A clip that ends mid-frame starts over in
 * the same frame when repeats remain (repeat 0 plays until stopped).
 * Returns true when the last repeat has been mixed. */
static bool player_mix(struct player *p, int32_t *acc)
{
	const int16_t *pcm = p->clip->pcm;
	size_t n = p->clip->nsamples, i = 0, k, j;

	if (n == 0)
		return true;
	while (i < MEDIA_FRAME) {
		if (p->pos >= n) {
			if (p->repeat_left == 1)
				return true;
			if (p->repeat_left > 1)
				p->repeat_left--;
			p->pos = 0;
		}
		k = n - p->pos < MEDIA_FRAME - i ? n - p->pos : MEDIA_FRAME - i;
		for (j = 0; j < k; j++)
			acc[i + j] += pcm[p->pos + j];
		p->pos += k;
		i += k;
	}
	return p->pos >= n && p->repeat_left == 1;
}

static void players_mix(struct player **list, int32_t *acc)
{
	struct player *p;

	while ((p = *list)) {
		if (!player_mix(p, acc)) {
			list = &p->next;
			continue;
		}
		*list = p->next;
		p->next = NULL;
		p->pos = PLAYER_QUEUED;
		if (mx.done_tail)
			mx.done_tail->next = p;
		else
			mx.done_head = p;
		mx.done_tail = p;
	}
}

void mixer_run_dones(void)
{
	struct player *p;

	while ((p = mx.done_head)) {
		mx.done_head = p->next;
		if (!mx.done_head)
			mx.done_tail = NULL;
		p->next = NULL;
		p->pos = 0;
		p->active = false;
		audio_clip_deref(p->clip);
		p->clip = NULL;
		mx.nplayers--;
		if (p->done)
			p->done(p->arg);
	}
}

/* ---- mixing ---- */

static int16_t sat16(int32_t v)
{
	return (int16_t)(v > INT16_MAX ? INT16_MAX : v < INT16_MIN ? INT16_MIN : v);
}

/* Each member hears sum - own voice + room players + its own players,
 * mixed in 32 bits and saturated once at the end. */
static unsigned room_mix(struct room *r, uint64_t now_us)
{
	struct media_leg *ml;
	int32_t acc[MEDIA_FRAME];
	int16_t out[MEDIA_FRAME];
	unsigned i, frames = 0;

	memset(r->sum, 0, sizeof(r->sum));
	memset(r->all, 0, sizeof(r->all));
	for (ml = r->members; ml; ml = ml->mnext) {
		media_leg_read(ml);
		for (i = 0; i < MEDIA_FRAME; i++)
			r->sum[i] += ml->in[i];
	}
	/* Room players advance even with nobody listening, so they end. */
	players_mix(&r->players, r->all);
	for (ml = r->members; ml; ml = ml->mnext) {
		for (i = 0; i < MEDIA_FRAME; i++)
			acc[i] = r->sum[i] - ml->in[i] + r->all[i];
		players_mix(&ml->players, acc);
		for (i = 0; i < MEDIA_FRAME; i++)
			out[i] = sat16(acc[i]);
		media_leg_send(ml, out, now_us);
		frames++;
	}
	return frames;
}

unsigned mixer_run(uint64_t now_us)
{
	struct room *r;
	unsigned frames = 0;

	for (r = mx.rooms; r; r = r->next) {
		if (r->nmembers || r->players)
			frames += room_mix(r, now_us);
	}
	return frames;
}

void mixer_counts(unsigned *rooms, unsigned *players)
{
	*rooms = mx.nrooms;
	*players = mx.nplayers;
}

/* Only rooms from media_room_alloc remain once every leg is gone. */
void mixer_close(void)
{
	struct room *r = mx.rooms, *next;

	for (; r; r = next) {
		next = r->next;
		if (!r->owner)
			media_room_free(r);
	}
	mixer_run_dones();
}

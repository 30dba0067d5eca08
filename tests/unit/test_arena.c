/* The arena (lib/arena.h): aligned, zeroed, non-overlapping allocations
 * from the bottom of a block, texts from its top, new blocks and one-off
 * blocks when a request does not fit, overflowing sizes refused. Run under
 * ASan in `make check`, which catches any write past what was handed out. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdalign.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"

static int aligned(const void *p)
{
	return (uintptr_t)p % alignof(max_align_t) == 0;
}

/* Many small requests of every size, mixed with texts: each one aligned
 * (texts excepted), zeroed, and none overlapping another, which is checked
 * by filling each with its own byte and reading them all back at the end. */
static void test_mixed_requests(void **state)
{
	(void)state;
	enum { N = 3000 };
	cz_arena *a = cz_arena_new();
	assert_non_null(a);
	unsigned char *p[N];
	size_t len[N];
	for (int i = 0; i < N; i++) {
		len[i] = (size_t)(i * 7919 % 301);
		if (i % 3 == 2) {
			char text[301];
			memset(text, 'a' + i % 26, len[i]);
			p[i] = (unsigned char *)cz_arena_strndup(a, text, len[i]);
			assert_non_null(p[i]);
			assert_int_equal(p[i][len[i]], '\0');
			assert_int_equal(strlen((char *)p[i]), len[i]);
			continue;
		}
		p[i] = i % 3 ? cz_arena_alloc_raw(a, len[i]) : cz_arena_alloc(a, len[i]);
		assert_non_null(p[i]);
		assert_true(aligned(p[i]));
		for (size_t k = 0; i % 3 == 0 && k < len[i]; k++)
			assert_int_equal(p[i][k], 0);
		memset(p[i], i & 0xff, len[i]);
	}
	for (int i = 0; i < N; i++)
		for (size_t k = 0; k < len[i]; k++)
			assert_int_equal(p[i][k], i % 3 == 2 ? 'a' + i % 26 : (i & 0xff));
	cz_arena_free(a);
}

/* Big requests (one-off blocks) between small ones leave the current
 * block in use: the small ones after them follow the small ones before. */
static void test_one_off_blocks(void **state)
{
	(void)state;
	cz_arena *a = cz_arena_new();
	assert_non_null(a);
	unsigned char *small1 = cz_arena_alloc(a, 16);
	unsigned char *big = cz_arena_alloc(a, 100000);
	assert_non_null(big);
	assert_true(aligned(big));
	for (size_t k = 0; k < 100000; k += 997)
		assert_int_equal(big[k], 0);
	memset(big, 0x5a, 100000);
	char *long_text = malloc(50000);
	assert_non_null(long_text);
	memset(long_text, 'x', 49999);
	long_text[49999] = '\0';
	char *copy = cz_arena_strdup(a, long_text);
	assert_non_null(copy);
	assert_string_equal(copy, long_text);
	unsigned char *small2 = cz_arena_alloc(a, 16);
	assert_ptr_equal(small2, small1 + 16);
	assert_int_equal(big[99999], 0x5a);
	free(long_text);
	cz_arena_free(a);
}

/* Zero-sized requests give distinct pointers; sizes that overflow are
 * refused instead of wrapping. */
static void test_edges(void **state)
{
	(void)state;
	cz_arena *a = cz_arena_new();
	assert_non_null(a);
	void *z1 = cz_arena_alloc(a, 0), *z2 = cz_arena_alloc(a, 0);
	assert_non_null(z1);
	assert_non_null(z2);
	assert_ptr_not_equal(z1, z2);
	assert_null(cz_arena_alloc(a, SIZE_MAX));
	assert_null(cz_arena_alloc_raw(a, SIZE_MAX - 3));
	assert_null(cz_arena_calloc(a, SIZE_MAX / 2, 4));
	char *e = cz_arena_strndup(a, "abc", 0);
	assert_non_null(e);
	assert_string_equal(e, "");
	assert_null(cz_arena_strndup(a, "abc", SIZE_MAX));
	cz_arena_free(a);
	cz_arena_free(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mixed_requests),
		cmocka_unit_test(test_one_off_blocks),
		cmocka_unit_test(test_edges),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

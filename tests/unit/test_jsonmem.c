/*
 * test_jsonmem.c - jsonmem.c, jansson's allocator (run under ASan, whose
 * leak check at exit is part of the test): values made outside a page
 * scope are malloc'd and freed; inside one they come from the arena,
 * however many there are; large blocks inside a scope are malloc'd and
 * freed; scopes nest (values stay usable until the outermost end); a value
 * made outside a scope may be freed inside one on another thread; the
 * arena is per thread; json_dumps' result is freed with jsonmem_free; a
 * value used after its page scope is reported by AddressSanitizer.
 */
#include <pthread.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "jsonmem.h"
#include "jsonval.h"
#include "t.h"

/* an object of n members, each a short string */
static json_t *object_of(size_t n)
{
    json_t *o = json_object();
    for (size_t i = 0; i < n; i++) {
        char k[32], v[32];
        snprintf(k, sizeof k, "k%zu", i);
        snprintf(v, sizeof v, "value %zu", i);
        jset(o, k, v);
    }
    return o;
}

TEST(outside_a_scope)
{
    json_t *o = object_of(10);
    CHECK_INT(json_object_size(o), 10);
    json_decref(o); /* malloc'd: freed, or the leak check fails */
}

TEST(inside_a_scope)
{
    jsonmem_page_begin();
    /* far more than one chunk's worth */
    json_t *a = json_array();
    for (int i = 0; i < 2000; i++)
        json_array_append_new(a, object_of(8));
    CHECK_INT(json_array_size(a), 2000);
    CHECK_STR(json_string_value(json_object_get(json_array_get(a, 1999), "k7")), "value 7");
    json_decref(a);
    /* a block bigger than the arena serves: malloc'd, freed */
    char *big = malloc(100000);
    CHECK(big != NULL);
    if (big) {
        memset(big, 'x', 99999);
        big[99999] = 0;
        json_t *s = jstr(big);
        CHECK_INT(json_string_length(s), 99999);
        json_decref(s);
        free(big);
    }
    /* a value never freed is dropped with the arena */
    json_t *kept = object_of(3);
    CHECK(kept != NULL);
    jsonmem_page_end();
}

TEST(nesting)
{
    jsonmem_page_begin();
    json_t *o = object_of(4);
    jsonmem_page_begin();
    json_t *inner = object_of(4);
    json_object_set_new(o, "inner", inner);
    jsonmem_page_end(); /* not the outermost: nothing is dropped */
    CHECK_STR(json_string_value(json_object_get(json_object_get(o, "inner"), "k3")),
              "value 3");
    json_decref(o);
    jsonmem_page_end();
    /* an end without a begin does nothing */
    jsonmem_page_end();
    json_t *after = object_of(2);
    json_decref(after);
}

struct freer {
    json_t *v;
    int n;
};

static void *free_in_scope(void *arg)
{
    struct freer *f = arg;
    jsonmem_page_begin();
    json_t *mine = object_of(50); /* this thread's arena */
    f->n = (int)json_object_size(f->v);
    json_decref(f->v); /* made outside a scope on another thread */
    json_decref(mine);
    jsonmem_page_end();
    return NULL;
}

TEST(other_thread)
{
    jsonmem_page_begin(); /* this thread's scope is not the other's */
    struct freer f = {.v = NULL};
    jsonmem_page_end();
    f.v = object_of(6);
    pthread_t t;
    CHECK(pthread_create(&t, NULL, free_in_scope, &f) == 0);
    pthread_join(t, NULL);
    CHECK_INT(f.n, 6);
}

TEST(dumps)
{
    json_t *o = object_of(2);
    char *s = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
    CHECK_STR(s, "{\"k0\":\"value 0\",\"k1\":\"value 1\"}");
    jsonmem_free(s);
    json_decref(o);
    jsonmem_page_begin();
    o = object_of(1);
    s = json_dumps(o, JSON_COMPACT);
    CHECK_STR(s, "{\"k0\":\"value 0\"}");
    jsonmem_free(s);
    json_decref(o);
    jsonmem_page_end();
}

#if defined(__SANITIZE_ADDRESS__)
#define HAVE_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define HAVE_ASAN 1
#endif
#endif

/* the rule of jsonmem.h broken in a child process: ASan must stop it */
TEST(escape_is_reported)
{
#ifdef HAVE_ASAN
    fflush(stdout);
    pid_t pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        if (!freopen("/dev/null", "w", stderr))
            _exit(3);
        jsonmem_page_begin();
        json_t *o = object_of(2);
        jsonmem_page_end();
        volatile int t = json_typeof(o); /* a use after the page */
        (void)t;
        _exit(0); /* not reported */
    }
    int st = 0;
    CHECK(waitpid(pid, &st, 0) == pid);
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) != 0 && WEXITSTATUS(st) != 3);
#else
    printf("# escape_is_reported: not built with AddressSanitizer, skipped\n");
#endif
}

int main(void)
{
    jsonmem_install();
    RUN(outside_a_scope);
    RUN(inside_a_scope);
    RUN(nesting);
    RUN(other_thread);
    RUN(dumps);
    RUN(escape_is_reported);
    printf("# %d passed, %d failed\n", t_pass, t_fail);
    return t_fail != 0;
}

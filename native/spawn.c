/*
 * svtui's process starter: posix_spawn(3) instead of Node's child_process.
 *
 * libuv starts a child with fork(), which copies the page tables of the whole Node process
 * (60-100 MB: milliseconds, and more the bigger the heap) and then waits for the exec. glibc's
 * posix_spawn uses clone(CLONE_VM|CLONE_VFORK): the child borrows the parent's memory until it
 * exec's, so a start costs the same whatever svtui's size.
 *
 *   spawn(file, argv, cwd, fds, onExit) -> pid
 *     `file` is run with `argv` in `cwd`, in a new session, with the environment of this
 *     process, no blocked signal and every signal at its default (Node ignores SIGPIPE: a
 *     service must not inherit that). The child's descriptor i is fds[i]; -1 leaves i closed.
 *     A failure throws an Error whose `code` is the errno name ("ENOENT"), as Node's do.
 *     onExit(code, signal) is called once the child ended (signal: its number, or 0).
 *   pipe() -> [readFd, writeFd], both close-on-exec (s6's notification-fd).
 *   supported() -> whether this kernel has pidfds (5.4+: pidfd_open and waitid(P_PIDFD)).
 *
 * Exit reaping: libuv waitpid()s only the pids it started itself, so each child gets a pidfd,
 * watched by a uv_poll_t on Node's own loop; readable means the child ended, and waitid(P_PIDFD)
 * reaps it then. No thread, no SIGCHLD handler of our own.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <node_api.h>
#include <uv.h>

#ifndef P_PIDFD
#define P_PIDFD 3
#endif

extern char **environ;

#define MAX_FDS 64
#define MAX_ARGS 256

typedef struct {
  uv_poll_t poll;
  int pidfd;
  napi_env env;
  napi_ref callback;
  napi_async_context context;
} Child;

static int pidfd_open(pid_t pid) { return (int)syscall(SYS_pidfd_open, pid, 0); }

static napi_value throw_errno(napi_env env, int error, const char *what) {
  napi_value code, message, object;
  const char *name = uv_err_name(-error);
  napi_create_string_utf8(env, name, NAPI_AUTO_LENGTH, &code);
  char text[256];
  snprintf(text, sizeof text, "%s %s: %s", what, name, strerror(error));
  napi_create_string_utf8(env, text, NAPI_AUTO_LENGTH, &message);
  napi_create_error(env, code, message, &object);
  napi_set_named_property(env, object, "code", code);
  napi_throw(env, object);
  return NULL;
}

static char *string_of(napi_env env, napi_value value) {
  size_t length = 0;
  if (napi_get_value_string_utf8(env, value, NULL, 0, &length) != napi_ok) return NULL;
  char *out = malloc(length + 1);
  if (out) napi_get_value_string_utf8(env, value, out, length + 1, &length);
  return out;
}

static void closed(uv_handle_t *handle) { free(handle->data); }

/** The pidfd is readable: the child ended. Reap it, stop watching, tell JavaScript. */
static void on_readable(uv_poll_t *poll, int status, int events) {
  (void)status;
  (void)events;
  Child *child = poll->data;
  siginfo_t info;
  memset(&info, 0, sizeof info);
  int r;
  do r = waitid(P_PIDFD, (id_t)child->pidfd, &info, WEXITED | WNOHANG);
  while (r < 0 && errno == EINTR);
  if (r == 0 && info.si_pid == 0) return; /* not ended yet after all */
  uv_poll_stop(poll);
  close(child->pidfd);
  int code = 0, signal = 0;
  if (r == 0 && info.si_code == CLD_EXITED) code = info.si_status;
  else if (r == 0) signal = info.si_status;
  napi_env env = child->env;
  napi_handle_scope scope;
  napi_open_handle_scope(env, &scope);
  napi_value callback, recv, argv[2], result;
  napi_get_reference_value(env, child->callback, &callback);
  napi_get_global(env, &recv); /* make_callback wants an object */
  napi_create_int32(env, code, &argv[0]);
  napi_create_int32(env, signal, &argv[1]);
  /* make_callback: runs the microtasks and nextTicks queued by the callback, as any I/O does. */
  if (napi_make_callback(env, child->context, recv, callback, 2, argv, &result) ==
      napi_pending_exception) {
    napi_value error;
    napi_get_and_clear_last_exception(env, &error);
    napi_fatal_exception(env, error); /* as an exception thrown in any other callback */
  }
  napi_delete_reference(env, child->callback);
  napi_async_destroy(env, child->context);
  napi_close_handle_scope(env, scope);
  uv_close((uv_handle_t *)poll, closed);
}

/** Move each source that a dup2 before it would overwrite above the child's range. */
static int lift(int *fds, int count, int *lifted) {
  for (int i = 0; i < count; i++) {
    if (fds[i] < 0 || fds[i] >= count || fds[i] == i) continue;
    int copy = fcntl(fds[i], F_DUPFD_CLOEXEC, count);
    if (copy < 0) return errno;
    lifted[i] = fds[i] = copy;
  }
  return 0;
}

static napi_value spawn_child(napi_env env, napi_callback_info info) {
  size_t argc = 5;
  napi_value args[5];
  napi_get_cb_info(env, info, &argc, args, NULL, NULL);
  if (argc < 5) {
    napi_throw_type_error(env, NULL, "spawn(file, argv, cwd, fds, onExit)");
    return NULL;
  }
  uint32_t nargs = 0, nfds = 0;
  napi_get_array_length(env, args[1], &nargs);
  napi_get_array_length(env, args[3], &nfds);
  if (nargs >= MAX_ARGS || nfds > MAX_FDS) {
    napi_throw_range_error(env, NULL, "spawn: too many arguments or descriptors");
    return NULL;
  }
  char *file = string_of(env, args[0]);
  char *cwd = string_of(env, args[2]);
  char *argv[MAX_ARGS + 1] = {0};
  int fds[MAX_FDS], lifted[MAX_FDS];
  for (int i = 0; i < MAX_FDS; i++) lifted[i] = -1;
  for (uint32_t i = 0; i < nargs; i++) {
    napi_value item;
    napi_get_element(env, args[1], i, &item);
    argv[i] = string_of(env, item);
  }
  for (uint32_t i = 0; i < nfds; i++) {
    napi_value item;
    napi_get_element(env, args[3], i, &item);
    if (napi_get_value_int32(env, item, &fds[i]) != napi_ok) fds[i] = -1;
  }

  posix_spawn_file_actions_t actions;
  posix_spawnattr_t attr;
  sigset_t none, all;
  sigemptyset(&none);
  sigfillset(&all);
  /*
   * sigfillset leaves out glibc's two internal signals (32 and 33), and posix_spawn then sets
   * them to SIG_IGN in the child, which exec keeps: a service would start with them ignored.
   * Set their bits by hand so they are reset to the default, as after fork + exec.
   */
  ((unsigned long *)(void *)&all)[0] |= (1UL << 31) | (1UL << 32);
  posix_spawn_file_actions_init(&actions);
  posix_spawnattr_init(&attr);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSID | POSIX_SPAWN_SETSIGMASK |
                                      POSIX_SPAWN_SETSIGDEF);
  posix_spawnattr_setsigmask(&attr, &none);
  posix_spawnattr_setsigdefault(&attr, &all);
  pid_t pid = 0;
  int error = file && cwd ? lift(fds, (int)nfds, lifted) : ENOMEM;
  if (!error) {
    posix_spawn_file_actions_addchdir_np(&actions, cwd);
    /* dup2 onto itself clears close-on-exec (glibc 2.29+): an inherited 0, 1 or 2 stays open. */
    for (uint32_t i = 0; i < nfds; i++) {
      if (fds[i] >= 0) posix_spawn_file_actions_adddup2(&actions, fds[i], (int)i);
      else posix_spawn_file_actions_addclose(&actions, (int)i);
    }
    error = posix_spawn(&pid, file, &actions, &attr, argv, environ);
  }
  for (uint32_t i = 0; i < nfds; i++)
    if (lifted[i] >= 0) close(lifted[i]);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  free(file);
  free(cwd);
  for (uint32_t i = 0; i < nargs; i++) free(argv[i]);
  if (error) return throw_errno(env, error, "spawn");

  /* A zombie still has its pidfd: an exit before this line is not missed. */
  int pidfd = pidfd_open(pid);
  Child *child = pidfd < 0 ? NULL : calloc(1, sizeof *child);
  uv_loop_t *loop = NULL;
  napi_get_uv_event_loop(env, &loop);
  if (!child || uv_poll_init(loop, &child->poll, pidfd) != 0) {
    int why = pidfd < 0 ? errno : ENOMEM;
    kill(pid, SIGKILL);
    while (waitpid(pid, NULL, 0) < 0 && errno == EINTR) {
    }
    if (pidfd >= 0) close(pidfd);
    free(child);
    return throw_errno(env, why, "pidfd_open");
  }
  fcntl(pidfd, F_SETFD, FD_CLOEXEC);
  child->pidfd = pidfd;
  child->env = env;
  child->poll.data = child;
  napi_value name;
  napi_create_string_utf8(env, "svtui:spawn", NAPI_AUTO_LENGTH, &name);
  napi_async_init(env, NULL, name, &child->context);
  napi_create_reference(env, args[4], 1, &child->callback);
  uv_poll_start(&child->poll, UV_READABLE, on_readable);
  napi_value out;
  napi_create_int32(env, pid, &out);
  return out;
}

static napi_value make_pipe(napi_env env, napi_callback_info info) {
  (void)info;
  int ends[2];
  if (pipe2(ends, O_CLOEXEC) < 0) return throw_errno(env, errno, "pipe");
  napi_value out, read_end, write_end;
  napi_create_array_with_length(env, 2, &out);
  napi_create_int32(env, ends[0], &read_end);
  napi_create_int32(env, ends[1], &write_end);
  napi_set_element(env, out, 0, read_end);
  napi_set_element(env, out, 1, write_end);
  return out;
}

static napi_value supported(napi_env env, napi_callback_info info) {
  (void)info;
  int pidfd = pidfd_open(getpid());
  siginfo_t probe;
  /* waitid(P_PIDFD) on a pidfd of a process that is not our child: ECHILD when it is known. */
  int known = pidfd >= 0 && (waitid(P_PIDFD, (id_t)pidfd, &probe, WEXITED | WNOHANG) == 0 ||
                             errno == ECHILD);
  if (pidfd >= 0) close(pidfd);
  napi_value out;
  napi_get_boolean(env, known, &out);
  return out;
}

NAPI_MODULE_INIT() {
  napi_property_descriptor properties[] = {
      {"spawn", NULL, spawn_child, NULL, NULL, NULL, napi_enumerable, NULL},
      {"pipe", NULL, make_pipe, NULL, NULL, NULL, napi_enumerable, NULL},
      {"supported", NULL, supported, NULL, NULL, NULL, napi_enumerable, NULL},
  };
  napi_define_properties(env, exports, sizeof properties / sizeof *properties, properties);
  return exports;
}

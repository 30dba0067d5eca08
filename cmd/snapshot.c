#include "snapshot.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"
#include "loader.h"
#include "yaml_tree.h"

bool cz_snapshot_is_git(const char *arg)
{
	struct stat sb;
	if (strcmp(arg, "-") == 0 || stat(arg, &sb) == 0)
		return false;
	const char *colon = strchr(arg, ':');
	return colon && colon > arg && colon[1] != '\0';
}

/* Run git with `argv` (argv[0] "git"), its standard output into *out (at
 * most `max` bytes, NUL-terminated; NULL to drop it, whatever its size), standard input and
 * error closed to /dev/null. Returns git's exit status, 127 when git cannot
 * be run, -1 on a local failure (errno set), -2 when the output is over
 * `max`. */
static int run_git(char *const argv[], size_t max, char **out, size_t *len)
{
	int fd[2];
	if (out) {
		*out = NULL;
		*len = 0;
	}
	if (pipe(fd) != 0)
		return -1;
	fflush(NULL);
	pid_t pid = fork();
	if (pid < 0) {
		close(fd[0]);
		close(fd[1]);
		return -1;
	}
	if (pid == 0) {
		int null = open("/dev/null", O_RDWR);
		if (null < 0)
			_exit(127);
		dup2(null, STDIN_FILENO);
		dup2(null, STDERR_FILENO);
		dup2(fd[1], STDOUT_FILENO);
		close(fd[0]);
		close(fd[1]);
		if (null > STDERR_FILENO)
			close(null);
		signal(SIGPIPE, SIG_DFL);
		execvp("git", argv);
		_exit(127);
	}
	close(fd[1]);
	size_t cap = 0, n = 0;
	char *buf = NULL;
	int result = 0;
	for (;;) {
		char drain[4096];
		if (out && n + sizeof(drain) + 1 > cap) {
			size_t c = cap ? cap * 2 : 8192;
			char *b = realloc(buf, c);
			if (!b) {
				result = -1;
				break;
			}
			buf = b;
			cap = c;
		}
		/* without `out`, the output is read and dropped */
		ssize_t r = out ? read(fd[0], buf + n, cap - n - 1) : read(fd[0], drain, sizeof(drain));
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			result = -1;
			break;
		}
		if (r == 0)
			break;
		if (!out)
			continue;
		n += (size_t)r;
		if (n > max) {
			result = -2;
			break;
		}
	}
	close(fd[0]);
	if (result != 0)
		kill(pid, SIGKILL);
	int status;
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR) {
			result = result ? result : -1;
			break;
		}
	if (result == 0)
		result = WIFEXITED(status) ? WEXITSTATUS(status) : 128;
	if (result == 0 && out) {
		buf[n] = '\0';
		*out = buf;
		*len = n;
	} else {
		free(buf);
	}
	return result;
}

/* Whether the current directory is in a git work tree; says why not. */
static int check_repository(const char *who)
{
	char *argv[] = { "git", "rev-parse", "--is-inside-work-tree", NULL };
	int st = run_git(argv, 0, NULL, NULL);
	if (st == 0)
		return CZ_EXIT_OK;
	if (st == 127)
		cz_cli_errorf(who, "git est introuvable\u00A0: il faut git pour lire un fichier dans une révision");
	else if (st < 0)
		cz_cli_errorf(who, "git n'a pas pu être lancé (%s)", strerror(errno));
	else
		cz_cli_errorf(who, "le répertoire courant n'est pas dans un dépôt git\u00A0: «\u00A0RÉVISION:chemin\u00A0» "
				   "se lit dans le dépôt du projet");
	return CZ_EXIT_IO;
}

static int read_git(const char *arg, char **data, size_t *len)
{
	int code = check_repository(arg);
	if (code != CZ_EXIT_OK)
		return code;
	const char *colon = strchr(arg, ':');
	size_t rl = (size_t)(colon - arg);
	const char *path = colon + 1;
	char *rev = strndup(arg, rl);
	size_t sl = rl + strlen(path) + 16;
	char *commit = malloc(sl), *object = malloc(sl);
	if (!rev || !commit || !object) {
		cz_cli_errorf(arg, "mémoire insuffisante");
		code = CZ_EXIT_IO;
		goto out;
	}
	snprintf(commit, sl, "%s^{commit}", rev);
	/* A path relative to the current directory, as for the other side
	 * ("./" makes git read it so, not from the top of the repository). */
	bool relative = path[0] != '/' && strncmp(path, "./", 2) != 0 && strncmp(path, "../", 3) != 0;
	snprintf(object, sl, "%s:%s%s", rev, relative ? "./" : "", path);
	char *verify[] = { "git", "rev-parse", "--verify", "--quiet", "--end-of-options", commit, NULL };
	if (rev[0] == '-' || run_git(verify, 0, NULL, NULL) != 0) {
		cz_cli_errorf(arg, "révision «\u00A0%s\u00A0» inconnue dans ce dépôt git", rev);
		code = CZ_EXIT_IO;
		goto out;
	}
	char *exists[] = { "git", "cat-file", "-e", object, NULL };
	if (run_git(exists, 0, NULL, NULL) != 0) {
		cz_cli_errorf(arg, "le fichier «\u00A0%s\u00A0» n'existe pas dans la révision «\u00A0%s\u00A0»", path, rev);
		code = CZ_EXIT_IO;
		goto out;
	}
	char *show[] = { "git", "cat-file", "blob", object, NULL };
	int st = run_git(show, cz_yaml_default_limits.max_bytes, data, len);
	if (st == -2) {
		cz_cli_errorf(arg, "fichier trop gros (plus de %zu octets)", cz_yaml_default_limits.max_bytes);
		code = CZ_EXIT_INVALID;
	} else if (st != 0) {
		cz_cli_errorf(arg, "«\u00A0%s\u00A0» n'est pas un fichier lisible dans la révision «\u00A0%s\u00A0»", path, rev);
		code = CZ_EXIT_IO;
	}
out:
	free(rev);
	free(commit);
	free(object);
	return code;
}

int cz_snapshot_load(const char *arg, const cz_referential *ref, cz_project **p)
{
	*p = NULL;
	if (!cz_snapshot_is_git(arg))
		return cz_cli_load_project(arg, ref, p);
	char *data = NULL;
	size_t len = 0;
	int code = read_git(arg, &data, &len);
	if (code == CZ_EXIT_OK)
		code = cz_cli_load_project_text(data, len, arg, ref, p);
	free(data);
	return code;
}

void cz_snapshot_free_list(char **list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(list[i]);
	free(list);
}

int cz_snapshot_git_commits(const char *path, char ***revs, size_t *n)
{
	*revs = NULL;
	*n = 0;
	int code = check_repository(path);
	if (code != CZ_EXIT_OK)
		return code;
	char *out = NULL;
	size_t len = 0;
	char *argv[] = { "git", "log", "--format=%H", "--reverse", "--", (char *)path, NULL };
	int st = run_git(argv, 64u << 20, &out, &len);
	if (st != 0) {
		cz_cli_errorf(path, "l'historique git de ce fichier n'a pas pu être lu");
		free(out);
		return CZ_EXIT_IO;
	}
	size_t count = 0;
	for (size_t i = 0; i < len; i++)
		count += out[i] == '\n';
	char **list = count ? calloc(count, sizeof(*list)) : NULL;
	if (count && !list) {
		free(out);
		cz_cli_errorf(path, "mémoire insuffisante");
		return CZ_EXIT_IO;
	}
	size_t k = 0;
	for (char *line = out, *nl; list && line < out + len && (nl = strchr(line, '\n')); line = nl + 1) {
		if (nl == line)
			continue;
		list[k] = strndup(line, (size_t)(nl - line));
		if (!list[k]) {
			cz_snapshot_free_list(list, k);
			free(out);
			cz_cli_errorf(path, "mémoire insuffisante");
			return CZ_EXIT_IO;
		}
		k++;
	}
	free(out);
	if (k == 0) {
		free(list);
		cz_cli_errorf(path, "aucun commit ne touche ce fichier dans ce dépôt git");
		return CZ_EXIT_IO;
	}
	*revs = list;
	*n = k;
	return CZ_EXIT_OK;
}

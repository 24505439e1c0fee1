/* The reference for the ledger's durable appends (docs/benchmarks.md, "Ledger group commit"):
 * append N lines of 270 bytes to a file in DIR with write(2), fsync(2) after every GROUP lines,
 * and print the mean microseconds per line. GROUP 1 is the unbatched reference, 100 the batched one.
 * Build: gcc -O2 -o fsync_ref fsync_ref.c     Run: ./fsync_ref DIR N GROUP */
#define _POSIX_C_SOURCE 200809L
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: %s DIR N GROUP\n", argv[0]);
        return 2;
    }
    long n = atol(argv[2]), group = atol(argv[3]);
    if (n < 1 || group < 1) {
        fprintf(stderr, "N and GROUP must be positive\n");
        return 2;
    }
    char path[4096];
    snprintf(path, sizeof path, "%s/fsync_ref.jsonl", argv[1]);
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_APPEND, 0644);
    if (fd < 0) {
        perror("open");
        return 1;
    }
    char line[270];
    memset(line, 'x', sizeof line);
    line[sizeof line - 1] = '\n';
    struct timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    for (long i = 1; i <= n; i++) {
        if (write(fd, line, sizeof line) != (ssize_t)sizeof line) {
            perror("write");
            return 1;
        }
        if (i % group == 0 || i == n) {
            if (fsync(fd) != 0) {
                perror("fsync");
                return 1;
            }
        }
    }
    clock_gettime(CLOCK_MONOTONIC, &end);
    close(fd);
    unlink(path);
    double us = ((end.tv_sec - start.tv_sec) * 1e6 + (end.tv_nsec - start.tv_nsec) / 1e3) / n;
    printf("%ld lines of %zu bytes, fsync every %ld: %.2f us per line\n", n, sizeof line, group, us);
    return 0;
}

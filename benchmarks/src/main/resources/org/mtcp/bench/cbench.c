/*
 * The C baseline of ./mtcp bench: the same workloads as the Java subjects, with plain blocking sockets
 * (gcc -O2 at bench time). Prints one number on stdout:
 *   cbench rtt SIZE SECONDS    mean round trip in microseconds (TCP_NODELAY, echo thread)
 *   cbench bulk BYTES          bytes per second writing BYTES in 64 KiB writes (reader thread)
 *   cbench conn SECONDS        connect + accept + close per second (one thread)
 *   cbench select N SECONDS    microseconds per poll() over N idle connections + 1 readable
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define CHUNK (64 * 1024)

static void die(const char *what) { perror(what); exit(1); }

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int listener(int backlog, struct sockaddr_in *addr) {
    int s = socket(AF_INET, SOCK_STREAM, 0);
    if (s < 0) die("socket");
    memset(addr, 0, sizeof *addr);
    addr->sin_family = AF_INET;
    addr->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(s, (struct sockaddr *) addr, sizeof *addr) < 0) die("bind");
    if (listen(s, backlog) < 0) die("listen");
    socklen_t len = sizeof *addr;
    getsockname(s, (struct sockaddr *) addr, &len);
    return s;
}

static int connect_to(const struct sockaddr_in *addr) {
    int c = socket(AF_INET, SOCK_STREAM, 0);
    if (c < 0) die("socket");
    if (connect(c, (const struct sockaddr *) addr, sizeof *addr) < 0) die("connect");
    return c;
}

static void nodelay(int s) {
    int one = 1;
    setsockopt(s, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

static void *echo(void *arg) {
    int s = *(int *) arg;
    char buf[1024];
    ssize_t n;
    while ((n = read(s, buf, sizeof buf)) > 0) {
        ssize_t off = 0;
        while (off < n) {
            ssize_t w = write(s, buf + off, n - off);
            if (w <= 0) return NULL;
            off += w;
        }
    }
    return NULL;
}

static void *drain(void *arg) {
    int s = *(int *) arg;
    static char buf[CHUNK];
    while (read(s, buf, sizeof buf) > 0) {
    }
    return NULL;
}

static void pair(int *client, int *accepted) {
    struct sockaddr_in addr;
    int l = listener(1, &addr);
    *client = connect_to(&addr);
    *accepted = accept(l, NULL, NULL);
    if (*accepted < 0) die("accept");
    close(l);
}

static int rtt(int size, double seconds) {
    int c, a;
    pair(&c, &a);
    nodelay(c);
    nodelay(a);
    pthread_t t;
    pthread_create(&t, NULL, echo, &a);
    char msg[65536], in[65536];
    memset(msg, 'x', size);
    long ops = 0;
    double start = now(), end = 0, warm = start + seconds / 4;
    int measuring = 0;
    double t0 = start;
    for (;;) {
        if (write(c, msg, size) != size) die("write");
        int got = 0;
        while (got < size) {
            ssize_t n = read(c, in + got, size - got);
            if (n <= 0) die("read");
            got += n;
        }
        ops++;
        if ((ops & 255) == 0) {
            double t1 = now();
            if (!measuring && t1 >= warm) { measuring = 1; ops = 0; t0 = t1; }
            else if (measuring && t1 - t0 >= seconds) { end = t1; break; }
        }
    }
    printf("%.4f\n", (end - t0) * 1e6 / ops);
    close(c);
    pthread_join(t, NULL);
    return 0;
}

static int bulk(long total) {
    int c, a;
    pair(&c, &a);
    pthread_t t;
    pthread_create(&t, NULL, drain, &a);
    static char data[CHUNK];
    memset(data, 'x', sizeof data);
    double t0 = now();
    for (long done = 0; done < total; done += CHUNK) {
        ssize_t off = 0;
        while (off < CHUNK) {
            ssize_t w = write(c, data + off, CHUNK - off);
            if (w <= 0) die("write");
            off += w;
        }
    }
    double t1 = now();
    printf("%.1f\n", total / (t1 - t0));
    close(c);
    pthread_join(t, NULL);
    return 0;
}

static int conn(double seconds) {
    struct sockaddr_in addr;
    int l = listener(32, &addr);
    long ops = 0;
    double start = now(), warm = start + seconds / 4, t0 = start, end = 0;
    int measuring = 0;
    for (;;) {
        int c = connect_to(&addr);
        int a = accept(l, NULL, NULL);
        if (a < 0) die("accept");
        close(a);
        close(c);
        ops++;
        if ((ops & 63) == 0) {
            double t1 = now();
            if (!measuring && t1 >= warm) { measuring = 1; ops = 0; t0 = t1; }
            else if (measuring && t1 - t0 >= seconds) { end = t1; break; }
        }
    }
    printf("%.1f\n", ops / (end - t0));
    return 0;
}

static int sel(int idle, double seconds) {
    struct sockaddr_in addr;
    int l = listener(4096, &addr);
    int n = idle + 1;
    int stop[2];
    if (pipe(stop) < 0) die("pipe");
    pid_t child = fork();
    if (child == 0) {
        /* The peers, in a process of their own (ulimit -n): accept all, make the first readable. */
        close(stop[1]);
        for (int i = 0; i < n; i++) {
            int a = accept(l, NULL, NULL);
            if (a < 0) die("accept");
            if (i == 0 && write(a, "!", 1) != 1) die("write");
        }
        char b;
        while (read(stop[0], &b, 1) > 0) {
        }
        _exit(0);
    }
    close(stop[0]);
    close(l);
    struct pollfd *fds = calloc(n, sizeof *fds);
    for (int i = 0; i < n; i++) {
        fds[i].fd = connect_to(&addr);
        fds[i].events = POLLIN;
    }
    if (poll(fds, n, 10000) < 1) die("poll");
    long ops = 0;
    double start = now(), warm = start + seconds / 4, t0 = start, end = 0;
    int measuring = 0;
    for (;;) {
        if (poll(fds, n, 0) != 1) die("poll: expected one ready");
        ops++;
        if ((ops & 15) == 0) {
            double t1 = now();
            if (!measuring && t1 >= warm) { measuring = 1; ops = 0; t0 = t1; }
            else if (measuring && t1 - t0 >= seconds) { end = t1; break; }
        }
    }
    printf("%.4f\n", (end - t0) * 1e6 / ops);
    for (int i = 0; i < n; i++) close(fds[i].fd);
    close(stop[1]);
    waitpid(child, NULL, 0);
    return 0;
}

int main(int argc, char **argv) {
    signal(SIGPIPE, SIG_IGN);
    if (argc >= 4 && strcmp(argv[1], "rtt") == 0) return rtt(atoi(argv[2]), atof(argv[3]));
    if (argc >= 3 && strcmp(argv[1], "bulk") == 0) return bulk(atol(argv[2]));
    if (argc >= 3 && strcmp(argv[1], "conn") == 0) return conn(atof(argv[2]));
    if (argc >= 4 && strcmp(argv[1], "select") == 0) return sel(atoi(argv[2]), atof(argv[3]));
    fprintf(stderr, "usage: cbench rtt SIZE SECONDS | bulk BYTES | conn SECONDS | select N SECONDS\n");
    return 2;
}

// The Linux event interfaces the server's loops use, which the Glibc module does not export:
// epoll (readiness of many sockets) and eventfd (waking a loop from another thread).
#include <sys/epoll.h>
#include <sys/eventfd.h>

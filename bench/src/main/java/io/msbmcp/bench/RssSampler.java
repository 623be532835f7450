package io.msbmcp.bench;

import java.io.IOException;

/** Reads a process's resident memory every 100 ms and keeps the highest value. */
final class RssSampler {
    private final Child child;
    private final Thread thread;
    private volatile double max;
    private volatile boolean running = true;

    private RssSampler(Child child) {
        this.child = child;
        this.thread = new Thread(this::sample, "rss-sampler");
        thread.setDaemon(true);
    }

    static RssSampler start(Child child) {
        RssSampler sampler = new RssSampler(child);
        sampler.thread.start();
        return sampler;
    }

    private void sample() {
        while (running && child.isAlive()) {
            try {
                max = Math.max(max, child.rssMb());
                Thread.sleep(100);
            } catch (IOException e) {
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    double max() {
        return max;
    }

    void stop() throws InterruptedException {
        running = false;
        thread.join(1000);
    }
}

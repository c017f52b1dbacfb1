package io.flashbank.scan;

import java.util.Arrays;

/** Picks the rows of a scanned batch with the highest positive profit, with a bounded min-heap of row numbers. */
final class TopRows {
    private final int[] heap;
    private double[] profit;
    private int size;
    private int positive;

    TopRows(int k) {
        heap = new int[k];
    }

    /** Collects the best rows of {@code batch}; afterwards {@link #positive} counts every row with profit > 0. */
    void collect(ScanBatch batch) {
        profit = batch.profit();
        size = 0;
        positive = 0;
        for (int row = 0; row < batch.size(); row++) {
            double p = profit[row];
            if (!(p > 0)) {
                continue;
            }
            positive++;
            if (size < heap.length) {
                heap[size] = row;
                siftUp(size++);
            } else if (p > profit[heap[0]]) {
                heap[0] = row;
                siftDown();
            }
        }
    }

    int positive() {
        return positive;
    }

    /** The collected rows, highest profit first. */
    int[] rowsByProfitDescending() {
        Integer[] rows = new Integer[size];
        for (int i = 0; i < size; i++) {
            rows[i] = heap[i];
        }
        Arrays.sort(rows, (a, b) -> Double.compare(profit[b], profit[a]));
        return Arrays.stream(rows).mapToInt(Integer::intValue).toArray();
    }

    private void siftUp(int at) {
        int i = at;
        while (i > 0) {
            int parent = (i - 1) / 2;
            if (profit[heap[i]] >= profit[heap[parent]]) {
                return;
            }
            swap(i, parent);
            i = parent;
        }
    }

    private void siftDown() {
        int i = 0;
        while (true) {
            int left = 2 * i + 1;
            int smallest = i;
            if (left < size && profit[heap[left]] < profit[heap[smallest]]) {
                smallest = left;
            }
            if (left + 1 < size && profit[heap[left + 1]] < profit[heap[smallest]]) {
                smallest = left + 1;
            }
            if (smallest == i) {
                return;
            }
            swap(i, smallest);
            i = smallest;
        }
    }

    private void swap(int a, int b) {
        int t = heap[a];
        heap[a] = heap[b];
        heap[b] = t;
    }
}

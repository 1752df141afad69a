package org.seqlab.data.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A translation task with a known alignment, for lecture 03's attention claims: a list of numbers
 * 0-99 spelled out in English words, separated by commas, to their digits, two per number
 * ("forty two , seven" -> 4 2 0 7). Every output digit comes from one input word (the tens
 * word, the units word, or the single word of 0-19 and of round tens), so the generator knows
 * which input position each output token should attend to, and the number of numbers sets the
 * input length from short to long.
 */
public final class SpelledNumbers {
    private static final String[] ONES = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
        "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"};
    private static final String[] TENS = {"", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"};
    public static final String SEPARATOR = ",";

    /** The input vocabulary: the 28 number words and the separator, in a fixed order (the one-hot index). */
    public static final List<String> WORDS;

    static {
        List<String> w = new ArrayList<>(List.of(ONES));
        for (int k = 2; k < 10; k++) {
            w.add(TENS[k]);
        }
        w.add(SEPARATOR);
        WORDS = List.copyOf(w);
    }

    private SpelledNumbers() {}

    /**
     * One example.
     *
     * @param numbers the numbers spelled
     * @param words the input words
     * @param digits the output digits 0-9, two per number
     * @param source for each output digit, the index in {@code words} of the word it translates
     */
    public record Example(int[] numbers, List<String> words, int[] digits, int[] source) {
        public Example {
            words = List.copyOf(words);
        }

        /** Input word indices into {@link #WORDS}. */
        public int[] wordIds() {
            return words.stream().mapToInt(WORDS::indexOf).toArray();
        }
    }

    /** The example for the given numbers (each 0-99). */
    public static Example of(int... numbers) {
        List<String> words = new ArrayList<>();
        int[] digits = new int[2 * numbers.length];
        int[] source = new int[2 * numbers.length];
        for (int i = 0; i < numbers.length; i++) {
            int n = numbers[i];
            if (n < 0 || n > 99) {
                throw new IllegalArgumentException("spelled numbers: " + n + " is not in 0-99");
            }
            if (i > 0) {
                words.add(SEPARATOR);
            }
            digits[2 * i] = n / 10;
            digits[2 * i + 1] = n % 10;
            if (n < 20) {
                words.add(ONES[n]);
                source[2 * i] = source[2 * i + 1] = words.size() - 1;
            } else {
                words.add(TENS[n / 10]);
                source[2 * i] = source[2 * i + 1] = words.size() - 1;
                if (n % 10 != 0) {
                    words.add(ONES[n % 10]);
                    source[2 * i + 1] = words.size() - 1;
                }
            }
        }
        return new Example(numbers.clone(), words, digits, source);
    }

    /**
     * {@code n} examples from {@code seed}: the count of numbers uniform in
     * [{@code minNumbers}, {@code maxNumbers}], each number uniform in 0-99.
     */
    public static List<Example> generate(int n, int minNumbers, int maxNumbers, long seed) {
        if (minNumbers < 1 || maxNumbers < minNumbers) {
            throw new IllegalArgumentException("spelled numbers: need 1 <= min-numbers <= max-numbers, got "
                    + minNumbers + " and " + maxNumbers);
        }
        Random r = new Random(seed);
        List<Example> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int[] numbers = new int[minNumbers + r.nextInt(maxNumbers - minNumbers + 1)];
            for (int k = 0; k < numbers.length; k++) {
                numbers[k] = r.nextInt(100);
            }
            out.add(of(numbers));
        }
        return out;
    }
}

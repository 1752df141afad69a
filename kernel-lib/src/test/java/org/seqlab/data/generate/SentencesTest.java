package org.seqlab.data.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SentencesTest {
    @Test
    void keepsSpeakableProseAndDropsCodeMarkupAndNumbers() {
        String text = """
                Python is an easy to learn, powerful programming language. It has efficient data structures!
                Version 3.11 was released in 2022. Use the ``print`` function.

                .. note:: this directive is not prose at all even with words

                >>> print("hello there my friend")

                The following example shows it::

                    this literal block is code and is skipped

                Indented prose in a directive body is still read here.
                Isn't it a well-known, self-evident truth: hyphens break words?
                Too short.
                Python is an easy to learn, powerful programming language.
                """;
        assertEquals(List.of("indented prose in a directive body is still read here",
                "isn't it a well known self evident truth hyphens break words",
                "it has efficient data structures",
                "python is an easy to learn powerful programming language",
                "the following example shows it"), Sentences.of(text, 4, 12));
    }

    @Test
    void boundsCountWords() {
        assertEquals(List.of("one two three"), Sentences.of("One two three. One two three four.", 3, 3));
        assertEquals(List.of(), Sentences.of("Nothing here qualifies because it is far too long for the bound.", 2, 5));
    }
}

package org.seqlab.experiment.spec;

/**
 * A typed view of one registry entry's {@link Choice}: one method per declared parameter, named
 * as its YAML key in camel case ({@code spectral-radius} is {@code spectralRadius}), each setting
 * that key. A builder holds nothing but the choice, so {@code Models.gru().hidden(64)} and
 * {@code {name: gru, hidden: 64}} are the same spec; a test checks every builder's methods
 * against its entry's declared parameters, so the two cannot drift apart.
 *
 * @param <B> the builder's own type, returned by every setter
 */
public abstract class ChoiceBuilder<B extends ChoiceBuilder<B>> {
    private final Choice choice;

    protected ChoiceBuilder(Choice choice) {
        this.choice = choice;
    }

    /** The choice as built: the entry's name and the parameters set so far (defaults fill the rest when resolved). */
    public final Choice choice() {
        return choice;
    }

    /** A copy with {@code key} set. */
    protected final B set(String key, Object value) {
        return copy(choice.with(key, value));
    }

    /** A builder of this type over {@code c}. */
    protected abstract B copy(Choice c);

    @Override
    public String toString() {
        return choice.toString();
    }
}

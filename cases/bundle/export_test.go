package bundle

// ReadContainer exposes the container parser behind the age envelope, for
// its fuzz target.
var ReadContainer = readContainer

package extract

// cueCat is a category of data/cues.tsv that the code asks for by name:
// hasCue and lexicon.cue read its index in the cue index from an array
// (lexicon.cueCat) instead of hashing the name at every call.
type cueCat uint8

const (
	cueAhead cueCat = iota
	cueFuture
	cueGather
	cueGatherFor
	cueHeld
	cueHost
	cueHostedBy
	cueKind
	cueLedBy
	cueMet
	cueMetBoth
	cueNotPersonAfter
	cueNotPersonBefore
	cueNow
	cueOccasion
	cueOngoing
	cueOutcome
	cueParticipate
	cuePartner
	cuePlanned
	cuePortfolio
	cueRepresent
	cueSpeak
	cueTeaser
	cueTie
	cueTwoCities
	cueTwoCountries
	numCueCats
)

// cueCatNames are the categories' names in data/cues.tsv.
var cueCatNames = [numCueCats]string{
	cueAhead:           "ahead",
	cueFuture:          "future",
	cueGather:          "gather",
	cueGatherFor:       "gatherfor",
	cueHeld:            "held",
	cueHost:            "host",
	cueHostedBy:        "hostedby",
	cueKind:            "kind",
	cueLedBy:           "ledby",
	cueMet:             "met",
	cueMetBoth:         "metboth",
	cueNotPersonAfter:  "notperson-after",
	cueNotPersonBefore: "notperson-before",
	cueNow:             "now",
	cueOccasion:        "occasion",
	cueOngoing:         "ongoing",
	cueOutcome:         "outcome",
	cueParticipate:     "participate",
	cuePartner:         "partner",
	cuePlanned:         "planned",
	cuePortfolio:       "portfolio",
	cueRepresent:       "represent",
	cueSpeak:           "speak",
	cueTeaser:          "teaser",
	cueTie:             "tie",
	cueTwoCities:       "twocities",
	cueTwoCountries:    "twocountries",
}

func (c cueCat) String() string { return cueCatNames[c] }

package pdf

import "strings"

// The redactor's word lists, folded (lower case, no accents).

// everydayWords are names, or parts of names, that are also words people
// write in minutes: a part on this list is replaced only where it stands
// as a name (redactor.standsAsName). The list is kept by hand: a child's
// name missing from it is replaced everywhere, in any case, which hides
// too much rather than too little ("brown" in "a brown bruise" for a child
// called Brown). Add a word here when a name turns up that is also a word.
var everydayWords = wordSet(`
	hope faith grace joy charity mercy patience prudence honour honor harmony melody liberty justice destiny
	trinity unity verity felicity serenity promise blessing blessed gift favour favor glory peace precious
	miracle marvel marvellous treasure lucky fortune happy merry bliss unique royal loyal noble true brave
	summer autumn winter spring sky skye rain storm stormy river brook brooke dawn star sunny sunshine
	rainbow ocean sea lake meadow forest field fields heath moss stone rock rocky cliff ash oak rowan
	willow hazel holly ivy rose daisy lily poppy violet iris jasmine heather olive pearl ruby amber jade
	crystal coral ebony opal gem jewel fern sage saffron clover blossom cherry berry honey candy ginger
	pepper sugar sweet bean snow frost gale breeze bloom branch root
	robin wren jay dove raven fox wolf bear lion tiger bunny hawk swan drake crow lamb bull hart bird fish
	may june april august
	bill mark frank will jack bob rob pat sue don ray art gene guy nick chase hunter sonny buck chip duke
	earl king prince princess major marshall baron dean hank chuck mack max sandy rusty dusty miles drew
	grant pierce wade carol penny dot angel misty cash price sterling hero ace blue grey gray red scarlet
	reign rebel legend nova echo arrow story journey haven heaven saint bishop deacon
	can son long hung tan ha ho lo ma la ye hu man sun song moon park chin shin fang ding bang hang
	ping wing tang bay ton said
	brown white black green young little small short strong hall wood woods hill hills baker cook hunt
	bell wise sharp mason turner walker carter parker cooper miller fisher porter page read reed lane
	marsh moore moor ward west north south east banks bush day case bond cross power shepherd steel
	street waters wells well gold knight love hardy free hay lock rich fair gentle kind best good mills
	mill booth bridge church chapel house home pool ford grove dale glen burns hurt pain lie punch
	rice salt bacon straw swift quick rush dash pace driver gardener carpenter butler judge constable
	sergeant nurse priest monk law court bail gates gate wall walls hedges child baby unborn head hand
	foot cheek
`)

// grammarWords are names that are also pronouns, articles and the like
// ("He", "My", "An"): a sentence that starts with one starts with the word.
var grammarWords = wordSet(`
	he she it we they you me my us him her his them our your ye thou
	a an the and or but if of to in on at by as is be do so no up
`)

// calendarNames are names that are also months or seasons: next to a day,
// a year or a word of time they are the month.
var calendarNames = wordSet(`may june april august summer autumn winter spring`)

// calendarWords are months and days, which have a capital in any sentence.
var calendarWords = wordSet(`
	january february march april may june july august september october november december
	jan feb mar apr jun jul aug sep sept oct nov dec
	monday tuesday wednesday thursday friday saturday sunday
`)

// timeWords put a month's name to use as a month: "in May", "by June".
var timeWords = wordSet(`in during since until till til by from before after early mid late last next this every throughout through around`)

// partOfMonth words, before "of", do too: "the end of May".
var partOfMonth = wordSet(`end beginning start middle rest half`)

// titles come before a name: "Miss Hope", "Mr Brown".
var titles = wordSet(`mr mrs ms miss mx master dr prof sir dame lady lord rev revd dc ds di pc sgt insp cllr`)

// nameVerbs, after a word that starts a sentence, show it to be a person:
// "May said", "Hope told her teacher".
var nameVerbs = wordSet(`
	said says told tells disclosed discloses reported reports stated states explained explains described describes
	shared shares asked asks answered answers replied replies cried cries shouted shouts screamed whispered
	alleged alleges confirmed confirms denied denies mentioned mentions added agreed agrees refused refuses
	lives lived attends attended went goes came comes arrived arrives returned returns ran runs stayed stays
	wants wanted wishes wished likes liked loves loved misses missed appeared presented presents seemed
	looked became feels felt knows knew thinks thought sleeps slept eats ate plays played showed spoke speaks
	talked talks hit kicked pushed drew draws wrote writes
`)

// auxiliaries and participles, after a word that starts a sentence, show
// it to be a person too: "May was born", "Hope is frightened". Alone, "is"
// and "was" do not: "Hope is fading".
var auxiliaries = wordSet(`is was has had`)

var participles = wordSet(`
	born seen taken hurt injured scared frightened upset crying asleep bruised examined interviewed spoken
	visited collected placed brought found excluded missing absent late happy sad quiet withdrawn living
	staying attending saying telling going
`)

// particles join the parts of a name ("van", "de", "bin"): after a name's
// first word they are replaced only within the whole name, never alone.
var particles = wordSet(`
	de da di do dos das du del della der den des van von la le lo al el bin bint ibn ben ap mac mc o ni nic ua st y e zu ter ten op
`)

// roleWords in a family plan's "person" are a role, not a name.
var roleWords = wordSet(`
	mother mum mummy mom father dad daddy stepmother stepfather step-mother step-father stepmum stepdad step-mum step-dad
	parent parents carer carers foster grandmother grandfather grandma grandad granddad grandpa nan nana nanna gran granny
	grandparent grandparents aunt auntie aunty uncle brother sister sibling siblings half-brother half-sister cousin
	partner boyfriend girlfriend husband wife ex ex-partner guardian child children baby son daughter maternal paternal
	mother's father's the both all and of family member members other adult adults household her his their
	kinship friend neighbour lodger relative relatives elder older younger eldest youngest birth special new
`)

func wordSet(words string) map[string]bool {
	set := map[string]bool{}
	for w := range strings.FieldsSeq(words) {
		set[w] = true
	}
	return set
}

// plainLetters are letters with no decomposition into a letter and an
// accent, as they are written without one ("Łukasz" as "Lukasz").
var plainLetters = map[rune]string{
	'ł': "l", 'đ': "d", 'ð': "d", 'ø': "o", 'ı': "i", 'ħ': "h", 'ŧ': "t", 'ŀ': "l",
	'æ': "ae", 'œ': "oe", 'þ': "th",
}

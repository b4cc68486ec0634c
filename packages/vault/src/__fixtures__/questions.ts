/**
 * Questions about the fixture vault, phrased as people ask them rather than in the notes' own
 * words, with the note (and heading) that answers each: for retrieval-quality tests and the
 * benchmark. A good search ranks one of `paths` near the top; `heading`, when given, is the section
 * that holds the answer (the last entry of the chunk's heading path).
 */
export interface FixtureQuestion {
  question: string;
  /** Vault paths of the notes that answer it; any one of them is a hit. */
  paths: string[];
  /** The answering section's heading, when one section clearly holds the answer. */
  heading?: string;
}

export const FIXTURE_QUESTIONS: readonly FixtureQuestion[] = [
  { question: 'what pressure should the heating be at', paths: ['Home/Boiler.md'], heading: 'Pressure' },
  { question: 'the boiler says F22, what do I do', paths: ['Home/Boiler.md'], heading: 'Pressure' },
  { question: 'when is the boiler checked every year', paths: ['Home/Boiler.md'], heading: 'Annual service' },
  { question: 'a radiator is cold at the top', paths: ['Home/Boiler.md'], heading: 'Radiators' },
  { question: 'where do I turn off the water', paths: ['Home/Emergency contacts.md'], heading: 'Water' },
  { question: 'I smell gas in the house', paths: ['Home/Emergency contacts.md'], heading: 'Gas leak' },
  { question: 'which day is the rubbish collected', paths: ['Home/Bins.md'] },
  { question: 'the internet is not working', paths: ['Home/Wifi.md'], heading: 'Restarting the router' },
  { question: 'why are my glasses cloudy after washing up in the machine', paths: ['Home/Appliances/Dishwasher.md'], heading: 'Salt and rinse aid' },
  { question: 'the washer will not drain', paths: ['Home/Appliances/Washing machine.md'] },
  { question: 'something keeps beeping once a minute on the ceiling', paths: ['Home/Smoke alarms.md'] },
  { question: 'when should I start fertilising the tomatoes', paths: ['Garden/Tomatoes.md'], heading: 'Feeding' },
  { question: 'why do the tomatoes crack', paths: ['Garden/Tomatoes.md'], heading: 'Watering' },
  { question: 'when do I start the tomato seeds', paths: ['Garden/Tomatoes.md', 'Daily/2024-03-02.md'], heading: 'Sowing' },
  { question: 'can I put chicken bones in the compost heap', paths: ['Garden/Compost.md'], heading: 'What stays out' },
  { question: 'how short should I cut the grass in summer', paths: ['Garden/Lawn.md'] },
  { question: 'something is eating the lettuce at night', paths: ['Garden/Pests.md'], heading: 'Slugs' },
  { question: 'how long should the dough rise', paths: ['Recipes/Sourdough bread.md'], heading: 'Method' },
  { question: 'how do I know the yeast culture is ready for baking', paths: ['Recipes/Sourdough bread.md'], heading: 'Starter' },
  { question: 'what is for dinner on Monday', paths: ['Recipes/Weekly meal plan.md'] },
  { question: 'how much are we spending on the new kitchen', paths: ['Projects/Kitchen renovation.md'], heading: 'Budget' },
  { question: 'why did we pick wooden counters', paths: ['Projects/Kitchen renovation.md'], heading: 'Decisions' },
  { question: 'how long until the roof panels pay for themselves', paths: ['Projects/Solar panels.md'], heading: 'Payback' },
  { question: 'where did we stay in Portugal', paths: ['Travel/Lisbon 2023.md'], heading: 'Where we stayed' },
  { question: 'when do the kids need new passports', paths: ['Travel/Passports.md'] },
  { question: 'what do I need to bring camping', paths: ['Travel/Packing list.md'], heading: 'Camping' },
  { question: 'when does the dog need his jabs', paths: ['Family/Vet.md'], heading: 'Vaccinations' },
];
